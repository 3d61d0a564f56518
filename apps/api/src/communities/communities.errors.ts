import { defineMessages } from '../platform/errors/messages';

export const COMMUNITY_ERRORS = defineMessages({
  NEED_TRANSITION_NOT_ALLOWED: {
    title: { es: 'Cambio de estado no permitido', en: 'Status change not allowed' },
    detail: {
      es: 'Una necesidad en estado «{from}» no puede pasar a «{to}».',
      en: 'A need in status "{from}" cannot move to "{to}".',
    },
  },
  NEED_TRANSITION_ROLE: {
    title: { es: 'Sin permiso para este cambio', en: 'Not allowed to make this change' },
    detail: {
      es: 'Su rol no puede pasar una necesidad a «{to}».',
      en: 'Your role cannot move a need to "{to}".',
    },
  },
  COMMUNITY_NOT_PARTNER: {
    title: { es: 'Comunidad de otra organización', en: 'Community of another organisation' },
    detail: {
      es: 'Su organización no es socia de esta comunidad.',
      en: 'Your organisation is not a partner of this community.',
    },
  },
  COMMUNITY_IMPORT_REJECTED: {
    title: { es: 'Importación rechazada', en: 'Import rejected' },
    detail: {
      es: '{rejected} de {total} filas no son válidas; no se importó nada. Corrija las filas o use partial=true.',
      en: '{rejected} of {total} rows are invalid; nothing was imported. Fix the rows or use partial=true.',
    },
  },
});
