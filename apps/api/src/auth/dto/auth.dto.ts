import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trimLower = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class LoginDto {
  @ApiProperty({ example: 'coordinador@minka.demo' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'minka-demo-2026', minLength: 1, maxLength: 128 })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT (HS256) for the Authorization: Bearer header' })
  accessToken: string;

  @ApiProperty({ description: 'Opaque single-use token for POST /api/v1/auth/refresh' })
  refreshToken: string;

  @ApiProperty({ description: 'Lifetime of the access token, in seconds', example: 900 })
  expiresIn: number;
}

export class OrganizationRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['admin', 'coordinator', 'storekeeper', 'fundraiser', 'leader', 'donor'], isArray: true })
  roles: Array<'admin' | 'coordinator' | 'storekeeper' | 'fundraiser' | 'leader' | 'donor'>;
  @ApiProperty({ enum: ['es', 'en', 'qu'] }) preferredLanguage: string;
  @ApiProperty({ type: OrganizationRefDto }) organization: OrganizationRefDto;
}
