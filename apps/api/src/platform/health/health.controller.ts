import { Controller, Get, Injectable, type OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/access-policy.decorators';

/** Flips readiness to 503 as soon as shutdown starts, so a load balancer stops sending traffic first. */
@Injectable()
export class ShutdownState implements OnApplicationShutdown {
  private stopping = false;
  get isStopping(): boolean {
    return this.stopping;
  }
  markStopping(): void {
    this.stopping = true;
  }
  onApplicationShutdown(): void {
    this.stopping = true;
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @Public()
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Ready for traffic: PostgreSQL answers within 2 s and the process is not shutting down. */
  @Get('ready')
  @Public()
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    if (this.shutdown.isStopping) {
      throw new ServiceUnavailableException({
        status: 'error',
        info: {},
        error: { shutdown: { status: 'down' } },
        details: { shutdown: { status: 'down' } },
      });
    }
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
  }
}
