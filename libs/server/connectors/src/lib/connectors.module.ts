import { Module } from '@nestjs/common';
import { ConnectorsController } from './connectors.controller';
import { ConnectorsService } from './connectors.service';

@Module({ providers: [ConnectorsService], exports: [ConnectorsService] })
export class ConnectorsModule {}

@Module({ imports: [ConnectorsModule], controllers: [ConnectorsController] })
export class ConnectorsApiModule {}
