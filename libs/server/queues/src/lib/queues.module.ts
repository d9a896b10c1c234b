import { Module } from '@nestjs/common';
import { QueuesRepository } from './queues.repository';
import { TeamsRepository } from './teams.repository';

/** The queues' and teams' tables, for the capabilities that read or change them (threading, conversations, the admin API). */
@Module({ providers: [QueuesRepository, TeamsRepository], exports: [QueuesRepository, TeamsRepository] })
export class QueuesModule {}
