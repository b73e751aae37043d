import { Global, Module } from '@nestjs/common';
import { AuditExportController } from './audit-export.controller';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

@Global()
@Module({ controllers: [AuditExportController], providers: [AuditService, AuditResolver], exports: [AuditService] })
export class AuditModule {}
