// Naive experience app: GET /b2b/v2/availability and POST /b2b/v2/orders in the real gateway's request
// and response shapes, behind one static bearer token (no OAuth, no JWKS), validated with class-validator
// DTOs, passed on to the naive process app with plain axios.
import {
  Body,
  Controller,
  Get,
  Injectable,
  Module,
  Post,
  Query,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import axios from 'axios';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { config, downstreamError } from './common.js';

const processApi = axios.create({ baseURL: config.processUrl });
const UNITS = ['EA', 'CS'];

@Injectable()
class StaticBearerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.switchToHttp().getRequest<{ headers: { authorization?: string } }>().headers.authorization !== `Bearer ${config.token}`)
      throw new UnauthorizedException();
    return true;
  }
}

class AvailabilityQuery {
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  sku!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;

  @IsOptional()
  @IsIn(UNITS)
  uom?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10)
  shipToPostalCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  region?: string;
}

class Address {
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  name!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  line1!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  city!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(3)
  region!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  postalCode!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(3)
  country!: string;
}

class OrderLine {
  @IsInt()
  @Min(1)
  lineNumber!: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  sku!: string;

  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;

  @IsOptional()
  @IsIn(UNITS)
  uom?: string;
}

class OrderRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(35)
  purchaseOrderNumber!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Address)
  shipTo!: Address;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OrderLine)
  lines!: OrderLine[];

  @IsOptional()
  @IsISO8601({ strict: true })
  requestedShipDate?: string;

  @IsOptional()
  @IsBoolean()
  allowPartialShipment?: boolean;
}

@Controller()
class HealthController {
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Controller('b2b/v2')
@UseGuards(StaticBearerGuard)
class B2bController {
  @Get('availability')
  async availability(@Query() query: AvailabilityQuery) {
    try {
      return (await processApi.get('/availability', { params: query })).data;
    } catch (error) {
      throw downstreamError(error);
    }
  }

  /** 201 with the order (an Idempotency-Key header is accepted and ignored: no idempotency here). */
  @Post('orders')
  async placeOrder(@Body() order: OrderRequest) {
    try {
      return (await processApi.post('/orders', { ...order, customerId: config.customerId, partnerId: config.partnerId })).data;
    } catch (error) {
      throw downstreamError(error);
    }
  }
}

@Module({ controllers: [HealthController, B2bController], providers: [StaticBearerGuard] })
export class NaiveExperienceModule {}
