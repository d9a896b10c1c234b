import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from './entities';
import { dataSourceOptions } from './data-source';

/** One connection pool per process; every entity repository is injectable everywhere. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    const feature = TypeOrmModule.forFeature(ENTITIES);
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)), feature],
      exports: [feature],
    };
  }
}
