import { Module } from '@nestjs/common';
import { WebAppController } from './webapp.controller';

@Module({ controllers: [WebAppController] })
export class WebAppModule {}
