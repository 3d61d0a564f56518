/**
 * Southern Quechua (Qusqu-Qullaw) for the screens a community leader uses: login, shell, menu, home.
 * A partial translation: every key not here falls back to Spanish (es-PE), see i18n/index.ts.
 *
 * HONEST NOTE: like the confirmation page (confirmar/src/i18n.ts, whose vocabulary this reuses), these
 * strings were written by the development team and must be reviewed by a native speaker; Spanish
 * loanwords (correo, sesión, mapa, inventario) are kept where they are what people say.
 */
import type { PartialMessages } from './areas/messages';
import { homeQu } from './areas/home';
import { shellQu } from './areas/shell';
import type { es } from './es';

export const qu: PartialMessages<typeof es> = {
  ...homeQu,
  ...shellQu,
  app: {
    name: 'Minka',
    tagline: 'Yanapakuy rakiy',
    skipToContent: 'Willakuykunaman riy',
    loading: 'Suyay…',
    retry: 'Watiqmanta ruway',
  },
  language: {
    label: 'Simi',
    es: 'Español',
    en: 'English',
    qu: 'Runasimi',
  },
  auth: {
    title: 'Yaykuy',
    intro: 'Organizacionniykiq qususqayki cuentawan yaykuy.',
    email: 'Correo electrónico',
    password: 'Pakasqa simi',
    submit: 'Yaykuy',
    submitting: 'Yaykuchkan…',
    logout: 'Lluqsiy',
    emailRequired: 'Correoykita qillqay.',
    passwordRequired: 'Pakasqa simiykita qillqay.',
    failed: 'Mana yaykuyta atikunchu.',
    unreachable: 'Servidorwan mana tinkuyta atikunchu. Internetniykita qhawariy, watiqmanta ruway.',
    sessionExpired: 'Sesionniyki tukukunña. Watiqmanta yaykuy.',
    demoTitle: 'Qhawarinapaq cuentakuna',
    demoText: 'Llapanpaq pakasqa simi: {{password}}',
    signedInAs: 'Yaykusqa: {{name}}, {{organization}}',
  },
  roles: {
    leader: 'Ayllu umalliq',
  },
  nav: {
    label: 'Hatun ñankuna',
    menu: 'Menú',
    home: 'Qallariy',
    map: 'Mapa',
    communities: 'Ayllukuna',
    needs: 'Necesidadkuna',
    inventory: 'Inventario',
    donations: 'Quykuna',
    deliveries: 'Chaskisqakuna',
    reports: 'Reportekuna',
    admin: 'Kamachiy',
  },
  comingSoon: {
    title: '{{module}}: ruwachkanraq',
    body: 'Kay modulo manaraq kanchu. Ruwachkaykuraq; hamuq versionpi kaypi rikhurinqa.',
  },
  forbidden: {
    title: 'Mana yaykuy atikunchu',
    body: 'Kargoykiwanqa kay p’anqaman mana yaykuyta atinkichu.',
  },
  notFound: {
    title: 'P’anqa mana tarikunchu',
    body: 'Kay direcciónqa mana kanchu.',
    back: 'Qallariyman kutiy',
  },
  errors: {
    generic: 'Imapas mana allinchu karqan. Watiqmanta ruway.',
  },
};
