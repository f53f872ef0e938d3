import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { openDatabase, type OpenDatabase } from './data-source.js';

const OPEN_DATABASE = Symbol('OPEN_DATABASE');

@Global()
@Module({
  providers: [
    {
      provide: OPEN_DATABASE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => openDatabase(config.get('database', { infer: true })),
    },
    {
      provide: DataSource,
      inject: [OPEN_DATABASE],
      useFactory: (database: OpenDatabase) => database.dataSource,
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(OPEN_DATABASE) private readonly database: OpenDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
