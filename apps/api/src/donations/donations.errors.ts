import { defineMessages } from '../platform/errors/messages';

export const DonationErrors = defineMessages({
  CAMPAIGN_SLUG_TAKEN: {
    title: { es: 'Dirección de campaña en uso', en: 'Campaign address taken' },
    detail: { es: 'Ya existe una campaña con la dirección «{slug}».', en: 'A campaign with the address "{slug}" already exists.' },
  },
  CAMPAIGN_NOT_ACTIVE: {
    title: { es: 'Campaña no activa', en: 'Campaign not active' },
    detail: {
      es: 'La campaña está en estado «{status}»: solo una campaña activa recibe donaciones.',
      en: 'The campaign is "{status}": only an active campaign takes donations.',
    },
  },
  CAMPAIGN_STATUS_TRANSITION: {
    title: { es: 'Cambio de estado no permitido', en: 'Status change not allowed' },
    detail: { es: 'Una campaña no puede pasar de «{from}» a «{to}».', en: 'A campaign cannot go from "{from}" to "{to}".' },
  },
  DONOR_TAX_ID_TAKEN: {
    title: { es: 'Donante ya registrado', en: 'Donor already registered' },
    detail: { es: 'Ya hay un donante con ese documento.', en: 'A donor with that tax id already exists.' },
  },
  DONATION_RATE_REQUIRED: {
    title: { es: 'Falta el tipo de cambio', en: 'Exchange rate missing' },
    detail: {
      es: 'Una donación en {currency} necesita el tipo de cambio a soles del día.',
      en: "A donation in {currency} needs the day's exchange rate to PEN.",
    },
  },
  DONATION_RATE_NOT_ALLOWED: {
    title: { es: 'Tipo de cambio no aplicable', en: 'Exchange rate not applicable' },
    detail: { es: 'Una donación en soles no lleva tipo de cambio.', en: 'A donation in PEN takes no exchange rate.' },
  },
  DONATION_BANK_REFERENCE_DUPLICATE: {
    title: { es: 'Operación bancaria ya registrada', en: 'Bank reference already recorded' },
    detail: {
      es: 'La referencia bancaria «{bankReference}» ya está registrada en otra donación.',
      en: 'The bank reference "{bankReference}" is already recorded on another donation.',
    },
  },
  DONATION_ALREADY_REVERSED: {
    title: { es: 'Donación ya revertida', en: 'Donation already reversed' },
    detail: { es: 'Esta donación ya tiene un asiento de reversión.', en: 'This donation already has a reversing entry.' },
  },
  DONATION_NOT_REVERSIBLE: {
    title: { es: 'No se puede revertir', en: 'Cannot be reversed' },
    detail: {
      es: 'Un asiento de reversión no se revierte; registre una nueva donación.',
      en: 'A reversing entry cannot be reversed; record a new donation.',
    },
  },
  DONATION_LINES_REQUIRED: {
    title: { es: 'Faltan los bienes donados', en: 'Donated goods missing' },
    detail: { es: 'Una donación en especie necesita al menos una línea.', en: 'An in-kind donation needs at least one line.' },
  },
  DONATION_AMOUNT_REQUIRED: {
    title: { es: 'Falta el monto', en: 'Amount missing' },
    detail: {
      es: 'Una donación en dinero necesita monto, moneda y medio de pago.',
      en: 'A money donation needs an amount, a currency and a method.',
    },
  },
  DONATION_IN_STOCK: {
    title: { es: 'Bienes ya en el almacén', en: 'Goods already in stock' },
    detail: {
      es: 'Los bienes de esta donación ya ingresaron al almacén: corrija el stock en inventario (ajuste) antes de revertirla.',
      en: 'The goods of this donation are already in stock: correct the stock in inventory (adjustment) before reversing it.',
    },
  },
  PLEDGE_NOT_OPEN: {
    title: { es: 'Promesa cerrada', en: 'Pledge closed' },
    detail: { es: 'La promesa está «{status}» y no admite cambios.', en: 'The pledge is "{status}" and cannot change.' },
  },
  PLEDGE_MISMATCH: {
    title: { es: 'Promesa de otro donante o campaña', en: 'Pledge of another donor or campaign' },
    detail: {
      es: 'La promesa indicada no pertenece a este donante y campaña.',
      en: 'The pledge given does not belong to this donor and campaign.',
    },
  },
  BANK_IMPORT_EMPTY: {
    title: { es: 'Archivo sin movimientos', en: 'File without transfers' },
    detail: { es: 'El CSV no tiene filas o le faltan columnas: {missing}.', en: 'The CSV has no rows or lacks columns: {missing}.' },
  },
});
