// Spanish, the primary audience's language.
import { apiEs } from './api-es.js';
import type { Messages } from './messages.js';
import { formatNumber, MAX_STORED_INTEGER } from '../domain/value.js';
import { clip, echo, firstParam, list, param, suggested } from './params.js';

const VALUE_FORMS = '902 (exacta), ~2400 (aproximada), >=60 o 60+ (como mínimo), <=75 (como máximo) y 60-75 (rango)';
const MAX = formatNumber(MAX_STORED_INTEGER, 'es');
/** Field names as DomainErrors give them (`name.es`), for a Spanish sentence. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  note: 'nota', reason: 'motivo', url: 'enlace', name: 'nombre', 'name.es': 'nombre en español', 'name.en': 'nombre en inglés',
  'aliases.es': 'alias en español', 'aliases.en': 'alias en inglés', 'description.es': 'descripción en español',
  'description.en': 'descripción en inglés', unit: 'unidad', region: 'región',
};
const DATE_FORMS = 'AAAA-MM-DD, AAAA-MM o AAAA (por ejemplo, 2025-12-20)';

/** Field names as a reader knows them; the API's own name follows in parentheses where it is not a word. */
const FIELDS: Readonly<Record<string, string>> = {
  count: 'cantidad',
  note: 'nota',
  reason: 'motivo',
  kind: 'tipo (kind)',
  name: 'nombre',
  'name.es': 'nombre en español',
  'name.en': 'nombre en inglés',
  staleAfterDays: 'días hasta quedar desactualizada (staleAfterDays)',
  limit: 'límite (limit)',
  lang: 'idioma (lang)',
  format: 'formato (format)',
  url: 'enlace',
  period: 'periodo',
};

/** `unos 40 segundos`, `1 segundo`: about how long flood control asks to wait. */
const secondsEs = (seconds: number): string => (seconds === 1 ? '1 segundo' : `unos ${seconds} segundos`);

export const es = {
  languageName: { es: 'español', en: 'inglés' },
  help: {
    intro:
      'Respondo «¿cuántos?» sobre cifras en disputa —presos políticos, excarcelaciones, desaparecidos— ' +
      'con la última cifra de cada fuente, su fecha y su enlace, una al lado de la otra.',
    commandsTitle: 'Comandos',
    argumentsTitle: 'Datos',
    optional: 'opcional',
    tryThis: 'Prueba: /cifras presos políticos',
  },
  summary: {
    asOf: 'al',
    stale: 'desactualizada',
    spread: 'Rango entre fuentes',
    empty: 'Todavía no hay cifras para este indicador.',
    period: 'periodo',
    corrected: 'corregida',
  },
  count: {
    allTitle: 'Últimas cifras',
    noFigures: 'sin cifras todavía',
    allHint: (command) => `Escribe ${command} seguido del indicador para ver cada fuente con su fecha y su enlace.`,
    noIndicators: 'Todavía no hay indicadores.',
    sources: (count) => (count === 1 ? '1 fuente' : `${count} fuentes`),
    webPage: 'Historial completo y gráfico',
    webAll: 'Todas las cifras en la web',
  },
  paging: {
    page: (page, pages) => `página ${page} de ${pages}`,
    next: (page) => `Página ${page} ▸`,
    previous: (page) => `◂ Página ${page}`,
    askPage: (command) => `Para ver otra página, escribe ${command} seguido de su número o usa los botones.`,
    left: (count, what) => `Faltan ${count} ${what} en las páginas siguientes.`,
    noSuchPage: (page, pages) => (pages === 1 ? `No hay página ${page}: todo cabe en una sola.` : `No hay página ${page}: son ${pages} en total.`),
    indicators: 'indicadores',
    figures: 'cifras',
    sources: 'fuentes',
  },
  lookup: {
    ambiguous: (input) => `«${clip(input)}» puede referirse a varios indicadores. ¿Cuál buscas?`,
    none: (input) => `No encuentro ningún indicador que corresponda a «${clip(input)}». Estos son los disponibles:`,
    related: (input) => `Ningún indicador corresponde a todo «${clip(input)}». ¿Buscas alguno de estos?`,
  },
  indicators: {
    title: 'Indicadores',
    kind: { stock: 'recuento a una fecha', flow: 'recuento de un periodo' },
  },
  sources: {
    title: 'Fuentes',
    empty: 'Todavía no hay fuentes.',
    kind: {
      ngo: 'ONG',
      government: 'gobierno',
      media: 'medio de comunicación',
      international: 'organismo internacional',
      other: 'otra',
    },
    homepage: 'Sitio web',
    noHomepage: 'sin sitio web',
    hint: (command) => `Escribe ${command} seguido del nombre de una fuente para ver su descripción.`,
  },
  history: {
    title: (indicator, source) => (source === null ? `Historial: ${indicator}` : `Historial: ${indicator} — ${source}`),
    empty: 'No hay cifras registradas.',
    retracted: 'RETIRADA',
    revision: { report: 'registrada', correction: 'corregida', retraction: 'retirada' },
    reason: 'motivo',
    asOf: 'al',
    period: 'periodo',
    note: 'nota',
    cut: (command) => `recortada; ${command} la muestra entera`,
    range: (first, last, total) =>
      first === last ? `Cifra ${first} de ${total}.` : `Cifras ${first}–${last} de ${total}, de la más reciente a la más antigua.`,
  },
  figure: {
    title: (id, indicator) => `Cifra #${id} · ${indicator}`,
    source: 'Fuente',
    link: 'Enlace',
    revisions: 'Revisiones',
    webPage: 'En la web',
    moreRevisions: (count) =>
      count === 1 ? 'Falta 1 revisión intermedia, que no cabe en un mensaje.' : `Faltan ${count} revisiones intermedias, que no caben en un mensaje.`,
  },
  lang: {
    set: (language) => `De acuerdo: en este chat responderé en ${language}.`,
  },
  errors: {
    invalid_value: (p) => `«${echo(p, 'input')}» no es una cifra válida. Se aceptan: ${VALUE_FORMS}.`,
    value_too_large: (p) => `«${echo(p, 'input')}» es más de lo que se puede registrar: una cifra llega como máximo a ${MAX}.`,
    unsafe_text: (p) =>
      `El campo «${FIELD_NAMES[param(p, 'field')] ?? param(p, 'field')}» contiene un carácter invisible (${param(p, 'character')}) ` +
      'que puede cambiar cómo se muestra el texto que le sigue, o alterar la base de datos: quítalo y vuelve a enviarlo. No se ha guardado nada.',
    invalid_date: (p) => `«${echo(p, 'input')}» no es una fecha válida. Usa ${DATE_FORMS}.`,
    future_date: (p) => `La fecha ${echo(p, 'input')} está en el futuro: una cifra solo puede ser de hoy o de antes.`,
    invalid_period: (p) =>
      param(p, 'reason') === 'stock'
        ? `El indicador «${param(p, 'indicator')}» es un recuento a una fecha: sus cifras no llevan periodo. ` +
          'Quita el periodo, o registra la cifra en un indicador que cuente lo ocurrido en un periodo.'
        : `El periodo ${param(p, 'from')} – ${param(p, 'to')} no es válido: usa dos fechas ${DATE_FORMS}, ` +
      'la primera no posterior a la segunda y ninguna en el futuro.',
    invalid_url: (p) =>
      param(p, 'reason') === 'too_long'
        ? `El enlace es demasiado largo: tiene ${param(p, 'length')} caracteres y el máximo es ${param(p, 'max')}. Usa un enlace más corto a la misma página (sin los parámetros de seguimiento, por ejemplo).`
        : `«${echo(p, 'input')}» no es un enlace válido: usa una dirección que empiece por https:// o http://.`,
    reason_required: () => 'Falta el motivo: escribe por qué se corrige o se retira la cifra.',
    unknown_indicator: (p) => {
      const typed = clip(firstParam(p, 'input', 'slug'));
      const meant = suggested(p);
      return meant === ''
        ? `No existe el indicador «${typed}». Usa /indicadores para ver la lista.`
        : `No existe el indicador «${typed}». ¿Quisiste decir ${meant}?`;
    },
    ambiguous_indicator: (p) => {
      const meant = suggested(p);
      return `«${clip(firstParam(p, 'input', 'slug'))}» puede referirse a varios indicadores${meant === '' ? '' : ` (${meant})`}: escribe su nombre completo o su identificador.`;
    },
    unknown_source: (p) => {
      const typed = clip(firstParam(p, 'input', 'slug'));
      const names = list(p, 'suggestionNames');
      if (names.length === 1) return `No existe la fuente «${typed}». ¿Quisiste decir ${names[0]}?`;
      if (names.length > 1) return `«${typed}» puede referirse a varias fuentes (${names.join(' · ')}): escribe su nombre completo o su identificador.`;
      return `No existe la fuente «${typed}». Usa /fuentes para ver la lista.`;
    },
    figure_not_found: (p) => `No existe la cifra #${param(p, 'id')}.`,
    figure_retracted: (p) => `La cifra #${param(p, 'id')} ya fue retirada y no admite cambios.`,
    unchanged_value: (p) => `La cifra #${param(p, 'id')} ya tiene ese valor: no hay nada que corregir.`,
    invalid_slug: (p) =>
      `«${echo(p, 'input')}» no sirve como identificador: usa minúsculas sin acentos, números y guiones (por ejemplo, ${param(p, 'example') || 'political-prisoners'}).`,
    invalid_field: (p) => {
      const field = FIELDS[param(p, 'field')] ?? param(p, 'field');
      const accepted = param(p, 'accepted');
      const max = param(p, 'max');
      const typed = echo(p, 'input');
      if (max !== '' && accepted === '') return `Demasiado largo: «${field}» admite como máximo ${max} caracteres.`;
      const detail = accepted !== '' ? ` Se acepta: ${accepted}.` : '';
      return `${typed === '' ? `El valor de «${field}» no es válido.` : `«${typed}» no sirve como ${field}.`}${detail}`;
    },
    forbidden: () => 'No tienes permiso para hacer eso.',
    invalid_user: (p) => `«${echo(p, 'input')}» no es un usuario válido: escribe plataforma:id, por ejemplo telegram:123456.`,
    owner_not_revocable: (p) =>
      `${echo(p, 'input') || 'Ese usuario'} es propietario del bot (CIFRAS_OWNERS) y no se le pueden retirar los permisos desde el chat.`,
    invalid_cursor: (p) =>
      `El cursor «${echo(p, 'input')}» no corresponde a ninguna página del historial de «${param(p, 'indicator')}»: ` +
      'usa el valor «next» de la página anterior tal cual, o quítalo para empezar por la primera página.',
  },
  arguments: {
    missing_argument: (option) => `Falta el dato «${option}».`,
    invalid_integer: (option, input) => `«${option}» se escribe con cifras, sin signo ni decimales (por ejemplo, 10); has escrito «${clip(input)}».`,
    invalid_figure_id: (option, input) => `«${option}» debe ser el número de una cifra, como 17 o #17, y has escrito «${clip(input)}».`,
    number_too_large: (option, input) => `«${option}» llega como máximo a ${MAX}, y has escrito «${clip(input)}».`,
    invalid_choice: (option, input, choices) => `«${option}» debe ser una de estas opciones: ${choices}; has escrito «${clip(input)}».`,
    unclear_value: (option, input) =>
      `No se sabe dónde termina «${option}» en «${clip(input)}», así que no se ha guardado nada. ` +
      `Escríbelo en una sola palabra (1085, 1.085, 60-75, >=60, 60+) o entre comillas ("1 085") y después el resto.`,
    too_many_arguments: (_option, input) => `Sobra «${clip(input)}»: si es parte de un nombre, escríbelo entre comillas.`,
  },
  usage: (line) => `Uso: ${line}`,
  unknownCommand: (name, help) => `No conozco el comando /${name}. Escribe ${help} para ver la lista.`,
  accessDenied: {
    'private-or-chat-admin': (command) => `En este chat solo sus administradores pueden usar ${command}.`,
    'chat-admin': (command) => `Solo los administradores de este chat pueden usar ${command}.`,
    editor: (command) => `Solo los editores pueden usar ${command}.`,
    owner: (command) => `Solo los propietarios del bot pueden usar ${command}.`,
  },
  adminCheckFailed: (command) =>
    `No he podido comprobar si administras este chat, así que no se ha hecho nada. Vuelve a probar ${command} en unos segundos.`,
  admin: {
    reported: (id) => `Cifra #${id} registrada.`,
    corrected: (id) => `Cifra #${id} corregida:`,
    retracted: (id) => `Cifra #${id} retirada. Sigue en el historial, marcada como retirada.`,
    reason: 'Motivo',
    note: 'Nota',
    auditTitle: (count) => (count === 1 ? 'El último cambio registrado' : `Los últimos ${count} cambios registrados`),
    auditEmpty: 'El registro de auditoría está vacío.',
    actions: {
      'figure.report': 'cifra registrada',
      'figure.correct': 'cifra corregida',
      'figure.retract': 'cifra retirada',
      'editor.grant': 'editor autorizado',
      'editor.revoke': 'editor retirado',
      'chat.lang': 'idioma del chat cambiado',
      'indicator.create': 'indicador creado',
      'indicator.update': 'indicador modificado',
      'source.create': 'fuente creada',
      'source.update': 'fuente modificada',
      'subscription.subscribe': 'suscripción creada',
      'subscription.unsubscribe': 'suscripción cancelada',
      'subscription.move': 'suscripción trasladada',
      'subscription.pause': 'suscripción en pausa',
      'subscription.resume': 'suscripción reanudada',
    },
    ownersTitle: 'Propietarios (CIFRAS_OWNERS)',
    noOwners: 'No hay propietarios configurados.',
    editorsTitle: 'Editores',
    noEditors: 'No hay editores.',
    grantedBy: (actor, date) => `autorizado por ${actor} el ${date}`,
    granted: (user) => `${user} ahora es editor.`,
    alreadyEditor: (user) => `${user} ya era editor: no cambia nada.`,
    revoked: (user) => `${user} ya no es editor.`,
    notEditor: (user) => `${user} no era editor: no cambia nada.`,
    userMissing: (action) => `Falta el usuario: escribe /admins ${action} plataforma:id, por ejemplo telegram:123456.`,
  },
  subscriptions: {
    all: 'todos los indicadores',
    allArgument: 'todo',
    allChoice: 'Todos los indicadores',
    notOnConsole: 'Las suscripciones se entregan en un chat de Telegram o un canal de Discord; la consola no puede recibirlas.',
    subscribed: (what, language) => `Listo: este chat recibirá cada cifra nueva, corrección y retirada de ${what}, en ${language}.`,
    subscribedDigest: (what, language, frequency) => `Listo: este chat recibirá ${frequency} de ${what} (cifras nuevas, correcciones y retiradas), en ${language}.`,
    frequency: { immediate: 'al instante', daily: 'resumen diario', weekly: 'resumen semanal, los lunes' },
    digestOf: { daily: 'un resumen cada día', weekly: 'un resumen cada lunes' },
    resumed: (what, language) => `Listo: este chat vuelve a recibir las novedades de ${what}, en ${language}.`,
    already: (what) => `Este chat ya está suscrito a ${what}: no cambia nada.`,
    coveredByAll: (what) => `Este chat ya está suscrito a todos los indicadores, ${what} incluido: no cambia nada.`,
    replaced: (count) =>
      count === 1 ? 'Reemplaza la suscripción a un indicador que tenía este chat.' : `Reemplaza las ${count} suscripciones a indicadores que tenía este chat.`,
    unsubscribed: (what) => `Listo: este chat ya no recibirá las novedades de ${what}.`,
    unsubscribedAll: (count) =>
      count === 1 ? 'Listo: se canceló la suscripción de este chat.' : `Listo: se cancelaron las ${count} suscripciones de este chat.`,
    notSubscribed: (what) => `Este chat no está suscrito a ${what}: no cambia nada.`,
    followsAll: (command) => `Este chat está suscrito a todos los indicadores; para dejar de recibirlos escribe ${command}.`,
    title: 'Suscripciones de este chat',
    empty: (command) => `Este chat no tiene suscripciones. Escribe ${command} para recibir cada cifra nueva.`,
    paused: (reason) => `en pausa: ${reason}`,
    thread: 'tema',
  },
  digest: {
    daily: (date) => `Resumen del día · ${date}`,
    weekly: (from, to) => `Resumen de la semana · ${from} – ${to}`,
  },
  notification: {
    published: 'Nueva cifra',
    corrected: 'Cifra corregida',
    retracted: 'Cifra retirada',
    previous: (source) => `Cifra anterior de ${source}`,
    others: 'Otras fuentes',
    reason: 'Motivo',
    historical: 'Cifra histórica añadida',
    currentLatest: (source) => `Cifra más reciente de ${source}`,
    correctedOn: (date, reason) => `Corregida el ${date}: ${reason}`,
    retractedOn: (date, reason) => `Retirada el ${date}: ${reason}`,
  },
  deliveries: {
    pausedTitle: 'Suscripciones en pausa',
    noPaused: 'No hay suscripciones en pausa.',
    deadTitle: 'Entregas fallidas',
    noDead: 'No hay entregas fallidas.',
    more: 'Y hay más.',
    attempts: (count) => (count === 1 ? '1 intento' : `${count} intentos`),
    event: { published: 'nueva', corrected: 'corrección', retracted: 'retirada' },
    hint: (command) => `Escribe ${command} resume <suscripción> o ${command} retry <entrega> con su número.`,
    idMissing: (command) => `Falta el número: escribe ${command} seguido del número de la suscripción o de la entrega.`,
    resumed: (id) => `La suscripción ${id} vuelve a estar activa: recibirá las novedades desde ahora.`,
    notPaused: (id) => `La suscripción ${id} no estaba en pausa: no cambia nada.`,
    noSubscription: (id) => `No existe la suscripción ${id}.`,
    retried: (id) => `La entrega ${id} vuelve a la cola: se enviará en cuanto su suscripción esté activa.`,
    notRetried: (id) => `No hay ninguna entrega fallida con el número ${id}: no cambia nada.`,
    pausedNotice: ({ id, platform, chatId, threadId, scope, reason }) =>
      `La suscripción ${id} del chat ${chatId}${threadId === null ? '' : ` (hilo ${threadId})`} de ${platform} a ${scope === '*' ? 'todos los indicadores' : `«${scope}»`} quedó en pausa: ${reason}. ` +
      `Cuando el bot pueda volver a publicar allí, reanúdala con /entregas resume ${id}.`,
  },
  api: apiEs,
  platform: {
    alreadyHandled: 'Este mensaje ya se procesó; no se aplicó de nuevo.',
    truncated: '… (respuesta recortada)',
    unreadable: 'No pude leer esta solicitud de Discord, así que no se hizo nada. Vuelve a escribir el comando.',
    failure: 'Algo falló al responder. Inténtalo de nuevo en un momento.',
  },
  limits: {
    user: (seconds) => `Vas muy rápido: espera ${secondsEs(seconds)} antes del próximo comando. Hasta entonces no responderé.`,
    chat: (seconds) => `Demasiados comandos en este chat: espera ${secondsEs(seconds)}. Hasta entonces no responderé.`,
    quiet: '⏳ Espera un momento.',
  },
  share: {
    button: 'Compartir',
    openPage: 'Ver la página',
    questionHelp: (examples, count, help) =>
      `No encontré de qué cifra me hablas. Pregúntame, por ejemplo: ${examples.map((e) => `«${e}»`).join(' o ')}. ` +
      `Con ${count} ves todos los indicadores; con ${help}, todos los comandos.`,
    captionCut: (lines, slug) => `… ${lines === 1 ? 'falta 1 línea' : `faltan ${lines} líneas`}: /cifras ${slug} las muestra todas.`,
  },
  web: {
    siteTitle: 'cifras',
    tagline: 'La última cifra de cada fuente, una al lado de la otra: presos políticos, excarcelaciones, desaparecidos.',
    otherLanguage: 'Read in English',
    languageLabel: 'Idioma',
    home: 'Inicio',
    skipToContent: 'Saltar al contenido',
    source: 'Fuente',
    value: 'Cifra',
    asOf: 'Fecha',
    link: 'Enlace',
    figure: 'Cifra n.º',
    corrected: 'corregida',
    retracted: 'retirada',
    staleHint: (days) => `Desactualizada: de hace más de ${days} días.`,
    seeIndicator: (name) => `Ver historial de ${name}`,
    chartTitle: (name) => `Evolución de ${name} por fuente`,
    latestTitle: 'Última cifra de cada fuente',
    historyTitle: 'Historial completo',
    historyEmpty: 'No hay cifras registradas.',
    olderFigures: 'Cifras anteriores',
    newestFigures: 'Volver a las más recientes',
    downloads: 'Descargar los datos',
    csv: 'CSV (hoja de cálculo)',
    json: 'JSON',
    atom: 'Atom (suscripción)',
    follow: 'Recibir las novedades',
    followTelegram: 'En Telegram',
    followDiscord: 'En Discord',
    followNone: 'Suscríbete al canal Atom con tu lector de noticias.',
    figureTitle: (id) => `Cifra n.º ${id}`,
    indicator: 'Indicador',
    period: 'Periodo',
    note: 'Nota',
    recordedAt: 'Registrada',
    revisionsTitle: 'Revisiones',
    revision: (n) => `Revisión ${n}`,
    kind: 'Tipo',
    reason: 'Motivo',
    notFoundTitle: 'Página no encontrada',
    cannotShowTitle: 'No se puede mostrar esta página',
    notFoundText: 'No existe esa página: quizá el enlace está mal copiado o la cifra no existe.',
    indicatorsTitle: 'Indicadores',
    allFeed: 'Canal Atom con todas las novedades',
    feedTitle: (name) => `cifras: ${name}`,
    feedAllTitle: 'cifras: todas las novedades',
    feedEntry: { published: 'Nueva cifra', corrected: 'Cifra corregida', retracted: 'Cifra retirada' },
  },
  chart: {
    subtitle: 'Cifras de cada fuente según la fecha a la que se refieren',
    empty: 'Todavía no hay cifras para este gráfico.',
    key: { exact: 'exacta', approx: 'aproximada', atLeast: 'como mínimo', atMost: 'como máximo', range: 'rango' },
    latest: (source, value, asOf) => `${source}: ${value} al ${asOf}.`,
    widthOutOfRange: (input, min, max) => `El ancho «${input}» no es válido: usa un número entero de ${min} a ${max} (píxeles).`,
  },
} as const satisfies Messages;
