import type { Messages, PartialMessages } from './messages';

// App shell: connection and stale-data banners, install prompt, formats (issue #8).
// Spanish (Peru) is the source; the English object must have exactly the same keys (es.ts/en.ts enforce it).
export const shellEs = {
  shell: {
    offline: 'Sin conexión a internet.',
    offlineHelp: 'Puedes seguir viendo lo que ya estaba cargado; los cambios no se podrán guardar hasta que vuelva la señal.',
    unreachable: 'No hay conexión con el servidor.',
    unreachableHelp: 'Las últimas consultas fallaron. Lo que ves puede no estar al día.',
    stale: 'Datos de hace {{minutes}} min.',
    staleJustNow: 'Datos de hace menos de 1 min.',
    staleHelp: 'No se pudieron actualizar: se muestran los últimos datos recibidos.',
    retry: 'Reintentar',
    backOnline: 'Conexión restablecida.',
  },
};

export const shellEn: Messages<typeof shellEs> = {
  shell: {
    offline: 'No internet connection.',
    offlineHelp: 'You can keep looking at what was already loaded; changes cannot be saved until the connection is back.',
    unreachable: 'The server cannot be reached.',
    unreachableHelp: 'The latest requests failed. What you see may be out of date.',
    stale: 'Data from {{minutes}} min ago.',
    staleJustNow: 'Data from less than 1 min ago.',
    staleHelp: 'It could not be refreshed: showing the last data received.',
    retry: 'Try again',
    backOnline: 'Connection restored.',
  },
};

/**
 * Southern Quechua (Qusqu-Qullaw). Same vocabulary as the confirmation page (confirmar/src/i18n.ts):
 * "internet mana kanchu", "willakuykuna", "watiqmanta". To be reviewed by a native speaker.
 */
export const shellQu: PartialMessages<typeof shellEs> = {
  shell: {
    offline: 'Internet mana kanchu.',
    offlineHelp: 'Ñas cargasqa willakuykunata qhawallaytaraq atinki; tikraykunaqa mana waqaychakunqachu internet kutimunankama.',
    unreachable: 'Servidorwan mana tinkuyta atikunchu.',
    unreachableHelp: 'Qhipa mañakuykuna mana allinchu karqan. Rikusqaykiqa mana kunan kaqchu kanman.',
    stale: '{{minutes}} minutu ñawpaq willakuykuna.',
    staleJustNow: 'Huk minutu mana hunt’aspa ñawpaq willakuykuna.',
    staleHelp: 'Mana musuqchayta atikunchu: qhipa chaskisqa willakuykunam rikhurichkan.',
    retry: 'Watiqmanta ruway',
    backOnline: 'Internet kutimunña.',
  },
};
