import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AvailabilityDto, AvailabilityQueryDto } from '@contracts';
import { AvailabilityService } from './availability.service.js';

@ApiTags('availability')
@Controller('v1/availability')
export class AvailabilityController {
  constructor(private readonly availability: AvailabilityService) {}

  @Get()
  @ApiOperation({ summary: 'Available stock of one SKU per warehouse, in the unit asked for.' })
  @ApiOkResponse({ type: AvailabilityDto })
  check(@Query() query: AvailabilityQueryDto): Promise<AvailabilityDto> {
    return this.availability.check(query);
  }
}
