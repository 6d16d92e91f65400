import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiRateLimited } from '../rate-limits/api-rate-limited.decorator.js';
import { PartnerAuthGuard } from './partner-auth.guard.js';

/** A B2B partner surface: partner bearer token required, rate limited, documented under `tag`. */
export const PartnerApi = (tag: string) =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No, expired or invalid bearer token.' }),
    ApiRateLimited(),
    UseGuards(PartnerAuthGuard),
  );
