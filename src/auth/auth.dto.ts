import { createZodDto } from 'nestjs-zod';
import {
  changePasswordSchema,
  deleteAccountSchema,
  loginSchema,
  logoutSchema,
  recoverSchema,
  refreshSchema,
  registerSchema,
} from '../contracts/auth.js';

export class RegisterDto extends createZodDto(registerSchema) {}
export class LoginDto extends createZodDto(loginSchema) {}
export class RefreshDto extends createZodDto(refreshSchema) {}
export class LogoutDto extends createZodDto(logoutSchema) {}
export class RecoverDto extends createZodDto(recoverSchema) {}
export class ChangePasswordDto extends createZodDto(changePasswordSchema) {}
export class DeleteAccountDto extends createZodDto(deleteAccountSchema) {}
