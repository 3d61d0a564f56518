import { defineMessages } from '../platform/errors/messages';

export const EXCHANGE_ERRORS = defineMessages({
  EXCHANGE_IMPORT_REJECTED: {
    title: { es: 'Importación rechazada', en: 'Import rejected' },
    detail: {
      es: '{rejected} de {total} filas no son válidas; no se importó nada. Corrija las filas o use partial=true.',
      en: '{rejected} of {total} rows are invalid; nothing was imported. Fix the rows or use partial=true.',
    },
  },
});
