import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OMS_STATES, type OmsState } from './oms.model.js';

export class CreateOmsOrderDto {
  /** The channel's own order reference; unique across the OMS. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  channel_ref!: string;

  @IsString()
  @IsNotEmpty()
  channel!: string;

  @IsString()
  @IsNotEmpty()
  customer_ref!: string;

  @IsOptional()
  @IsString()
  erp_ref?: string;

  /** Defaults to CREATED. */
  @IsOptional()
  @IsIn(OMS_STATES)
  state?: OmsState;

  @IsOptional()
  @IsString()
  note?: string;
}

export class OmsTransitionDto {
  @IsIn(OMS_STATES)
  to_state!: OmsState;

  @IsOptional()
  @IsString()
  note?: string;

  /** Lets the caller record the ERP order number once it is known. */
  @IsOptional()
  @IsString()
  erp_ref?: string;
}
