import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'isEmail' }) code: string;
  @ApiProperty({ example: 'email debe ser un correo electrónico válido' }) message: string;
}

/** RFC 9457 problem details: the body of every error response. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:minka:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'Datos no válidos' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' }) code: string;
  @ApiProperty({ example: 'Revise los campos indicados.' }) detail: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiProperty({ example: '6f1c2a9e-3b7d-4c39-9a55-0f6f3f7f2d10' }) correlationId: string;
}
