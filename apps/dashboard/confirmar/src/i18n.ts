/**
 * Labels of the confirmation page in Spanish (es-PE, the source) and Southern Quechua (Qusqu-Qullaw).
 *
 * HONEST NOTE: the Quechua strings were written by the development team, not by a native speaker.
 * They must be reviewed by a native Southern Quechua speaker (ideally from the communities served)
 * before they are relied on; Spanish loanwords are used where the team was unsure.
 */
const es = {
  title: 'Confirmar entrega',
  lang: 'Runasimi',
  langLabel: 'Idioma',
  codeLabel: 'Código de confirmación (6 letras o números)',
  codeHelp: 'Está impreso en el manifiesto, junto al código QR.',
  search: 'Buscar entrega',
  codeInvalid: 'El código tiene 6 caracteres (letras y números).',
  loading: 'Cargando…',
  offlineNoData: 'Sin conexión y sin datos guardados para este código. Vuelva a intentarlo cuando tenga señal.',
  offlineCached: 'Sin conexión: se muestran los datos guardados en este teléfono.',
  community: 'Comunidad',
  district: 'Distrito',
  sentBy: 'Envía',
  dispatched: 'Enviados',
  accepted: 'Recibidos bien',
  rejected: 'Rechazados',
  missing: 'Faltan',
  reason: 'Motivo del rechazo',
  reasonPick: 'Elija un motivo',
  damaged: 'Dañado',
  expired: 'Vencido',
  wrong_item: 'Equivocado',
  not_needed: 'No necesario',
  less: 'Menos',
  more: 'Más',
  receivedBy: 'Nombre de quien recibe',
  role: 'Cargo',
  rolePresident: 'Presidente comunal',
  roleGovernor: 'Teniente gobernador',
  roleAgent: 'Agente municipal',
  roleHealth: 'Promotor de salud',
  notes: 'Nota (opcional)',
  photo: 'Foto (opcional)',
  photoTake: 'Tomar foto',
  photoRemove: 'Quitar foto',
  photoError: 'No se pudo leer la foto.',
  gps: 'Ubicación (opcional)',
  gpsAdd: 'Agregar ubicación',
  gpsWait: 'Buscando ubicación…',
  gpsError: 'No se pudo obtener la ubicación.',
  gpsRemove: 'Quitar ubicación',
  confirm: 'Confirmar',
  sumError: 'Recibidos + rechazados + faltan debe ser igual a enviados ({n}).',
  reasonError: 'Elija el motivo del rechazo.',
  nameError: 'Escriba el nombre de quien recibe (al menos 2 letras).',
  maybeDone: 'Si este teléfono ya había enviado la confirmación antes, es posible que ya esté registrada: consulte con su coordinador.',
  fixErrors: 'Revise lo marcado en rojo.',
  pending: 'Pendiente de sincronizar',
  lineSummary: '{kit}: {accepted} recibidos bien, {rejected} rechazados{reason}, {missing} faltan',
  pendingHelp: 'La confirmación está guardada en este teléfono y se enviará sola cuando haya conexión.',
  sending: 'Enviando…',
  confirmed: 'Confirmado',
  confirmedHelp: 'La entrega quedó registrada. ¡Gracias!',
  alreadyConfirmed: 'Esta entrega ya estaba confirmada.',
  rejectedByServer: 'No se pudo registrar',
  retryLater: 'El servidor no respondió; se reintentará.',
  edit: 'Corregir y volver a enviar',
  syncNow: 'Reintentar ahora',
  queue: 'Confirmaciones guardadas en este teléfono',
  openOther: 'Confirmar otra entrega',
  kits: 'kits',
  savedAt: 'Guardado',
};

export type MessageKey = keyof typeof es;
export type Lang = 'es' | 'qu';

// Southern Quechua — TO BE REVIEWED BY A NATIVE SPEAKER (see the note above).
const qu: Record<MessageKey, string> = {
  title: 'Chaskisqata takyachiy',
  lang: 'Español',
  langLabel: 'Simi',
  codeLabel: 'Takyachinapaq kodigo (6 qillqa utaq yupay)',
  codeHelp: 'Manifiesto p’anqapi qillqasqa kachkan, QR kodigoq waqtanpi.',
  search: 'Maskay',
  codeInvalid: 'Kodigoqa 6 qillqayuq (qillqakuna, yupaykuna).',
  loading: 'Suyay…',
  offlineNoData: 'Internet mana kanchu, kay kodigopaq willakuypas mana waqaychasqachu. Señal kaqtin watiqmanta ruway.',
  offlineCached: 'Internet mana kanchu: kay telefonopi waqaychasqa willakuykunam rikhurichkan.',
  community: 'Ayllu',
  district: 'Distritu',
  sentBy: 'Apachimuq',
  dispatched: 'Apachisqa',
  accepted: 'Allinta chaskisqa',
  rejected: 'Kutichisqa',
  missing: 'Mana chayamusqa',
  reason: 'Imarayku kutichinki',
  reasonPick: 'Huk imaraykuta akllay',
  damaged: 'Waqllisqa',
  expired: 'Pachan tukusqa',
  wrong_item: 'Pantasqa',
  not_needed: 'Mana necesitakunchu',
  less: 'Pisiyachiy',
  more: 'Yapay',
  receivedBy: 'Chaskiqpa sutin',
  role: 'Kargon',
  rolePresident: 'Ayllu umalliq (presidente)',
  roleGovernor: 'Teniente gobernador',
  roleAgent: 'Agente municipal',
  roleHealth: 'Hampi promotor',
  notes: 'Willakuy (munaspaqa)',
  photo: 'Foto (munaspaqa)',
  photoTake: 'Fotota hurquy',
  photoRemove: 'Fotota qichuy',
  photoError: 'Fotota mana ñawinchayta atikunchu.',
  gps: 'Maypi kasqan (munaspaqa)',
  gpsAdd: 'Maypi kasqanta yapay',
  gpsWait: 'Maskachkan…',
  gpsError: 'Maypi kasqanta mana tariyta atikunchu.',
  gpsRemove: 'Maypi kasqanta qichuy',
  confirm: 'Takyachiy',
  sumError: 'Chaskisqa + kutichisqa + mana chayamusqa = apachisqa ({n}) kanan.',
  reasonError: 'Imarayku kutichisqanta akllay.',
  nameError: 'Chaskiqpa sutinta qillqay (iskay qillqamanta aswan).',
  maybeDone: 'Kay telefono ñawpaqta apachirqanña chayqa, qillqasqaña kanman: coordinadorniykiwan rimay.',
  fixErrors: 'Puka qillqasqata qhawariy.',
  pending: 'Suyachkan — pendiente de sincronizar',
  lineSummary: '{kit}: {accepted} allinta chaskisqa, {rejected} kutichisqa{reason}, {missing} mana chayamusqa',
  pendingHelp: 'Takyachiyqa kay telefonopi waqaychasqa; internet kaqtin kikillanmanta apachikunqa.',
  sending: 'Apachichkan…',
  confirmed: 'Takyachisqa ña',
  confirmedHelp: 'Chaskisqaqa qillqasqa ña. ¡Sulpayki!',
  alreadyConfirmed: 'Kay chaskisqaqa ñawpaqmantaña takyachisqa karqan.',
  rejectedByServer: 'Mana qillqayta atikunchu',
  retryLater: 'Servidor mana kutichinchu; watiqmanta kallpachakunqa.',
  edit: 'Allichay, watiqmanta apachiy',
  syncNow: 'Kunan apachiy',
  queue: 'Kay telefonopi waqaychasqa takyachiykuna',
  openOther: 'Huk chaskisqata takyachiy',
  kits: 'kit',
  savedAt: 'Waqaychasqa',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { es, qu };
const STORAGE_KEY = 'minka-confirmar-lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'es' || saved === 'qu') return saved;
  } catch {
    // Storage can be blocked (private mode): fall back to the browser language.
  }
  return navigator.languages.some((l) => /^(qu|quz|quy)\b/i.test(l)) ? 'qu' : 'es';
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next === 'qu' ? 'qu' : 'es-PE';
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the toggle still works for this visit.
  }
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
