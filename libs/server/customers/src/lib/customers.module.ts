import { Module } from '@nestjs/common';
import { TimelineModule } from '@throughline/server/timeline';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

@Module({ imports: [TimelineModule], controllers: [CustomersController], providers: [CustomersService], exports: [CustomersService] })
export class CustomersModule {}
