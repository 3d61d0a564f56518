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
  DELIVERY_PLAN_STATUS: {
    title: { es: 'Acción no permitida en este estado', en: 'Not allowed in this status' },
    detail: {
      es: 'El plan está en estado «{status}»: esta acción no es posible en ese estado.',
      en: 'The plan is in status "{status}": this action is not possible in that status.',
    },
  },
  DELIVERY_ROUTE_STATUS: {
    title: { es: 'Acción no permitida en este estado', en: 'Not allowed in this status' },
    detail: {
      es: 'La ruta está en estado «{status}»: esta acción no es posible en ese estado.',
      en: 'The route is in status "{status}": this action is not possible in that status.',
    },
  },
  DELIVERY_STOP_STATUS: {
    title: { es: 'Acción no permitida en este estado', en: 'Not allowed in this status' },
    detail: {
      es: 'La parada está en estado «{status}»: esta acción no es posible en ese estado.',
      en: 'The stop is in status "{status}": this action is not possible in that status.',
    },
  },
  DELIVERY_PLAN_EMPTY: {
    title: { es: 'Plan sin paradas', en: 'Plan without stops' },
    detail: { es: 'Agregue al menos una parada primero.', en: 'Add at least one stop first.' },
  },
  DELIVERY_PLAN_CHANGED: {
    title: { es: 'El plan cambió', en: 'The plan changed' },
    detail: {
      es: 'Alguien modificó el plan mientras se optimizaba; vuelva a optimizar.',
      en: 'Someone changed the plan while it was being optimised; optimise again.',
    },
  },
  DELIVERY_STOP_DUPLICATE: {
    title: { es: 'Comunidad repetida', en: 'Community already in the plan' },
    detail: {
      es: '«{community}» ya es una parada de este plan; agregue las líneas a esa parada.',
      en: '"{community}" is already a stop of this plan; add the lines to that stop.',
    },
  },
  DELIVERY_NEED_NOT_PLANNABLE: {
    title: { es: 'Necesidad no planificable', en: 'Need cannot be planned' },
    detail: {
      es: 'La necesidad debe estar aprobada (o atendida en parte) y ser de la comunidad indicada; está «{status}».',
      en: 'The need must be approved (or partially fulfilled) and belong to the community given; it is "{status}".',
    },
  },
  DELIVERY_NEED_IN_ACTIVE_PLAN: {
    title: { es: 'Necesidad ya planificada', en: 'Need already planned' },
    detail: {
      es: 'Esta necesidad ya está en el plan activo «{plan}».',
      en: 'This need is already in the active plan "{plan}".',
    },
  },
  DELIVERY_COMMUNITY_NOT_PARTNER: {
    title: { es: 'Comunidad no asociada', en: 'Not a partner community' },
    detail: {
      es: 'Su organización no trabaja con «{community}»: no puede planificar sus necesidades.',
      en: 'Your organisation does not work with "{community}": it cannot plan its needs.',
    },
  },
  DELIVERY_KIT_TYPE_NOT_CURRENT: {
    title: { es: 'Versión de kit no vigente', en: 'Kit version not current' },
    detail: {
      es: 'Planifique con la versión vigente de «{code}» (v{current}).',
      en: 'Plan with the current version of "{code}" (v{current}).',
    },
  },
  DELIVERY_ROUTE_CAPACITY: {
    title: { es: 'Capacidad excedida', en: 'Capacity exceeded' },
    detail: {
      es: 'La carga de la ruta ({load} {unit}) supera la capacidad del vehículo ({capacity} {unit}).',
      en: 'The route load ({load} {unit}) exceeds the vehicle capacity ({capacity} {unit}).',
    },
  },
  DELIVERY_ROUTE_HOURS: {
    title: { es: 'Fuera del horario', en: 'Outside working hours' },
    detail: {
      es: 'La ruta volvería al almacén a las {end}, después del fin de la jornada ({limit}).',
      en: 'The route would be back at the depot at {end}, after the end of working hours ({limit}).',
    },
  },
  DELIVERY_ROUTE_MAX_DURATION: {
    title: { es: 'Duración máxima excedida', en: 'Maximum duration exceeded' },
    detail: {
      es: 'La ruta duraría {minutes} min; el máximo del vehículo es {limit} min.',
      en: 'The route would take {minutes} min; the vehicle maximum is {limit} min.',
    },
  },
  DELIVERY_ROUTE_SKILLS: {
    title: { es: 'Vehículo no apto', en: 'Vehicle not suitable' },
    detail: {
      es: '«{community}» requiere «{skill}» y el vehículo no lo tiene.',
      en: '"{community}" requires "{skill}" and the vehicle does not have it.',
    },
  },
  DELIVERY_ROUTE_UNREACHABLE: {
    title: { es: 'Comunidad inalcanzable', en: 'Community unreachable' },
    detail: {
      es: 'No hay camino conocido hasta «{community}» para este vehículo.',
      en: 'There is no known way to "{community}" for this vehicle.',
    },
  },
  DELIVERY_ROUTE_EMPTY: {
    title: { es: 'Ruta vacía', en: 'Empty route' },
    detail: { es: 'La ruta no tiene paradas: no hay nada que cargar.', en: 'The route has no stops: there is nothing to load.' },
  },
  DELIVERY_ROUTE_OPEN_STOPS: {
    title: { es: 'Paradas pendientes', en: 'Stops still open' },
    detail: {
      es: 'Quedan {count} paradas sin terminar (entregar, confirmar o marcar como fallidas).',
      en: '{count} stops are still open (to deliver, confirm or mark as failed).',
    },
  },
});
