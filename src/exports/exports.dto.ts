import { createZodDto } from 'nestjs-zod';
import { exportPageQuerySchema } from '../contracts/exports.js';

export class ExportPageQueryDto extends createZodDto(exportPageQuerySchema) {}
