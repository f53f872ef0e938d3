import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
}

const DATABASE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  /** Never throws: a database that fails or hangs is reported as down. */
  async check(): Promise<HealthReport> {
    const up = await Promise.race([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, DATABASE_TIMEOUT_MS, false).unref()),
    ]);
    return up ? { status: 'ok', database: 'up' } : { status: 'unavailable', database: 'down' };
  }
}
