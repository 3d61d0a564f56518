import { defineMessages } from '../platform/errors/messages';

/** Proof of delivery and its channels (app, phone, code, SMS), manifests and overdue alerts. */
export const CONFIRMATION_ERRORS = defineMessages({
  DELIVERY_ALREADY_CONFIRMED: {
    title: { es: 'Entrega ya confirmada', en: 'Delivery already confirmed' },
    detail: {
      es: 'Esta entrega ya fue confirmada el {confirmedAt} (canal: {channel}). Una entrega se confirma una sola vez.',
      en: 'This delivery was already confirmed on {confirmedAt} (channel: {channel}). A delivery is confirmed only once.',
    },
  },
  DELIVERY_STOP_NOT_CONFIRMABLE: {
    title: { es: 'Entrega no confirmable', en: 'Delivery cannot be confirmed' },
    detail: {
      es: 'Esta parada no puede confirmarse ahora (parada: {stopStatus}, ruta: {routeStatus}). Solo se confirman paradas pendientes o entregadas de rutas cargadas, en camino o completadas.',
      en: 'This stop cannot be confirmed now (stop: {stopStatus}, route: {routeStatus}). Only pending or delivered stops of loaded, in-transit or completed routes can be confirmed.',
    },
  },
  DELIVERY_PROOF_INVALID: {
    title: { es: 'Constancia de entrega incorrecta', en: 'Invalid proof of delivery' },
    detail: {
      es: 'Revise las líneas: cada tipo de kit de la parada una vez, aceptados + rechazados + faltantes = despachados, y el motivo cuando hay rechazados.',
      en: 'Check the lines: every kit type of the stop once, accepted + rejected + missing = dispatched, and a reason when some are rejected.',
    },
  },
  DELIVERY_CHANNEL_PHONE_REQUIRED: {
    title: { es: 'Indique el canal', en: 'Give the channel' },
    detail: {
      es: 'Un coordinador registra la confirmación que el dirigente le dictó por teléfono: envíe channel = "phone".',
      en: 'A coordinator records the confirmation the leader read out by phone: send channel = "phone".',
    },
  },
  DELIVERY_CODE_INVALID: {
    title: { es: 'Código no válido', en: 'Invalid code' },
    detail: {
      es: 'El código de confirmación no es válido o ya fue usado. Revise el código impreso en el manifiesto.',
      en: 'The confirmation code is not valid or was already used. Check the code printed on the manifest.',
    },
  },
  DELIVERY_CODE_EXPIRED: {
    title: { es: 'Código vencido', en: 'Code expired' },
    detail: {
      es: 'El código de confirmación venció. Pida a su coordinador que registre la confirmación por teléfono.',
      en: 'The confirmation code has expired. Ask your coordinator to record the confirmation by phone.',
    },
  },
  DELIVERY_CODE_TOO_MANY_ATTEMPTS: {
    title: { es: 'Demasiados intentos', en: 'Too many attempts' },
    detail: {
      es: 'Demasiados códigos incorrectos desde esta conexión. Vuelva a intentarlo en {retryAfter} segundos.',
      en: 'Too many wrong codes from this connection. Try again in {retryAfter} seconds.',
    },
  },
  DELIVERY_MANIFEST_NOT_READY: {
    title: { es: 'Manifiesto no disponible', en: 'Manifest not available' },
    detail: {
      es: 'El manifiesto se imprime cuando la ruta está cargada (los códigos de confirmación se generan al cargar). Estado de la ruta: {routeStatus}.',
      en: 'The manifest is printed once the route is loaded (confirmation codes are generated when loading). Route status: {routeStatus}.',
    },
  },
  SMS_WEBHOOK_DISABLED: {
    title: { es: 'SMS desactivado', en: 'SMS disabled' },
    detail: {
      es: 'Las confirmaciones por SMS no están configuradas en este servidor (falta SMS_WEBHOOK_SECRET).',
      en: 'SMS confirmations are not configured on this server (SMS_WEBHOOK_SECRET is missing).',
    },
  },
  SMS_SIGNATURE_INVALID: {
    title: { es: 'Firma no válida', en: 'Invalid signature' },
    detail: {
      es: 'La cabecera X-Minka-Signature falta o no corresponde al cuerpo de la solicitud.',
      en: 'The X-Minka-Signature header is missing or does not match the request body.',
    },
  },
});
