import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../platform/paging/page-query.dto';
import { ORGANIZATION_KINDS, type OrganizationEntity, type OrganizationKind } from '../organization.entity';

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Red Andina de Ayuda' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'red-andina', description: 'Lower-case letters, digits and dashes' })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  @MaxLength(80)
  slug: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS, default: 'ngo' })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ description: 'RUC (11 digits)', example: '20512345678' })
  @IsOptional()
  @Matches(/^(10|15|17|20)\d{9}$/, { message: 'taxId must be a Peruvian RUC (11 digits)' })
  taxId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class OrganizationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Text contained in the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty({ type: String, nullable: true }) taxId: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(o: OrganizationEntity): OrganizationDto {
    return {
      id: o.id,
      slug: o.slug,
      name: o.name,
      kind: o.kind,
      taxId: o.taxId,
      description: o.description,
      active: o.active,
      createdAt: o.createdAt.toISOString(),
    };
  }
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationDto] }) items: OrganizationDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
