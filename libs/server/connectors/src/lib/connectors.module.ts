import { Module } from '@nestjs/common';
import { AuditModule } from '@throughline/server/audit';
import { ConnectorsController } from './connectors.controller';
import { ConnectorsService } from './connectors.service';

@Module({ imports: [AuditModule], providers: [ConnectorsService], exports: [ConnectorsService] })
export class ConnectorsModule {}

@Module({ imports: [ConnectorsModule], controllers: [ConnectorsController] })
export class ConnectorsApiModule {}
