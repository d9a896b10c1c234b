import { Module } from '@nestjs/common';
import { TimelineModule } from '@throughline/server/timeline';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';
import { PossibleMatchesController } from './possible-matches.controller';
import { PossibleMatchesService } from './possible-matches.service';

@Module({
  imports: [TimelineModule],
  controllers: [CustomersController, PossibleMatchesController],
  providers: [CustomersService, PossibleMatchesService],
  exports: [CustomersService],
})
export class CustomersModule {}
