import { defineMessages } from '../platform/errors/messages';

/** Plans, vehicles, stops, routes and dispatch. (Confirmation messages: confirmations.errors.ts.) */
export const DELIVERY_ERRORS = defineMessages({
  DELIVERY_PLAN_NOT_OWN: {
    title: { es: 'Plan de otra organización', en: 'Plan of another organisation' },
    detail: {
      es: 'Este plan de distribución pertenece a otra organización; solo sus coordinadores pueden cambiarlo.',
      en: 'This delivery plan belongs to another organisation; only its coordinators can change it.',
    },
  },
  DELIVERY_STOP_NOT_OWN_COMMUNITY: {
    title: { es: 'Comunidad ajena', en: 'Not your community' },
    detail: {
      es: 'Solo puede confirmar entregas a las comunidades de las que es dirigente.',
      en: 'You can only confirm deliveries to the communities you lead.',
    },
  },
});
