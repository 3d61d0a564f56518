import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { PlatformModule } from '../platform/platform.module';
import { ConfirmationsController } from './confirmations.controller';
import { ConfirmationsService } from './confirmations.service';
import { NetworkCheckService } from './network-check';
import { OverdueAlertsService } from './overdue-alerts.service';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { PublicConfirmationsController } from './public-confirmations.controller';
import { RoutesService } from './routes.service';
import { SmsWebhookController } from './sms-webhook.controller';

/**
 * Delivery plans, routes, dispatch, proof of delivery and its channels. Stock moves through the
 * inventory ledger inside the deliveries' own transactions.
 */
@Module({
  imports: [PlatformModule, InventoryModule],
  controllers: [PlansController, ConfirmationsController, PublicConfirmationsController, SmsWebhookController],
  providers: [PlansService, RoutesService, NetworkCheckService, ConfirmationsService, OverdueAlertsService],
})
export class DeliveriesModule {}
