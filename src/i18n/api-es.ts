// Spanish for what the HTTP API says beyond the domain's errors (messages.ts `api`).
import type { Messages } from './messages.js';
import { param } from './params.js';

const DATE_FORMS = 'AAAA-MM-DD, AAAA-MM o AAAA (por ejemplo, 2025-12-20)';
const DATE_HINT = `Escribe la fecha como ${DATE_FORMS}.`;

export const apiEs = {
  indicatorKindLocked: ({ slug, from, to, fromText, toText, figures }) =>
    `El indicador «${slug}» ya tiene ${figures === 1 ? '1 cifra registrada' : `${figures} cifras registradas`} como ${from} ` +
    `(${fromText}): cambiar su tipo a ${to} (${toText}) cambiaría lo que significa cada una. ` +
    `Mantén el tipo «${from}» o crea un indicador nuevo para las cifras de tipo ${to}.`,
  errors: {
    not_found: (p) => `No hay nada en ${param(p, 'method')} ${param(p, 'path')}. La API está descrita en /api/docs.`,
    method_not_allowed: (p) => `${param(p, 'path')} no admite ${param(p, 'method')}; admite: ${param(p, 'allowed')}.`,
    malformed_json: () => 'El cuerpo de la petición no es JSON válido: revisa comillas, comas y llaves.',
    invalid_request: (p) => `La petición no es válida. ${param(p, 'details')}`,
    bad_request: () => 'La petición no es válida.',
    invalid_idempotency_key: () => 'Idempotency-Key debe tener de 1 a 255 caracteres ASCII imprimibles, por ejemplo un UUID.',
    unauthorized: () => 'Envía el token de administración en la cabecera Authorization: Bearer <ADMIN_API_TOKEN>.',
    write_api_disabled: () => 'La API de escritura está desactivada en este servidor: se activa definiendo ADMIN_API_TOKEN.',
    unsupported_media_type: () => 'Envía el cuerpo en JSON, con la cabecera Content-Type: application/json.',
    payload_too_large: (p) => `El cuerpo de la petición supera el máximo de ${param(p, 'maxBytes')} bytes.`,
    idempotency_key_reused: () =>
      'Esta Idempotency-Key ya se usó para otra petición distinta: usa una clave nueva para cada petición nueva.',
    internal_error: (p) => `Error interno del servidor. Si lo notificas, indica el identificador de la petición: ${param(p, 'requestId')}.`,
  },
  fields: {
    indicator: 'indicador',
    source: 'fuente',
    value: 'valor',
    asOf: 'fecha',
    period: 'periodo',
    'period.from': 'inicio del periodo',
    'period.to': 'fin del periodo',
    url: 'enlace',
    note: 'nota',
    'note.es': 'nota en español',
    'note.en': 'nota en inglés',
    reason: 'motivo',
    kind: 'tipo',
    unit: 'unidad',
    region: 'región',
    name: 'nombre',
    'name.es': 'nombre en español',
    'name.en': 'nombre en inglés',
    aliases: 'otros nombres',
    'aliases.es': 'otros nombres en español',
    'aliases.en': 'otros nombres en inglés',
    description: 'descripción',
    'description.es': 'descripción en español',
    'description.en': 'descripción en inglés',
    staleAfterDays: 'días hasta quedar desactualizada',
    id: 'número de cifra',
    slug: 'identificador',
    lang: 'idioma',
    format: 'formato',
    limit: 'cantidad por página',
    cursor: 'página',
    since: 'desde',
  },
  issues: {
    missing: (label) => `Falta el dato «${label}».`,
    type: (label, expected) => `«${label}» debe ser ${expected}.`,
    too_long: (label, max) => `«${label}» admite como máximo ${max} caracteres.`,
    too_many: (label, max) => `«${label}» admite como máximo ${max} elementos.`,
    too_large: (label, max) => `«${label}» debe ser como máximo ${max}.`,
    too_small: (label, min) => `«${label}» debe ser como mínimo ${min}.`,
    empty: (label) => `«${label}» no puede estar vacío.`,
    unknown_field: (label) => `Sobra el dato «${label}»: no forma parte de esta petición.`,
    choice: (label, accepted) => `«${label}» debe ser uno de estos: ${accepted}.`,
    invalid: (label) => `«${label}» no es válido.`,
    csv_whole: (label) => `«${label}» no se usa con format=csv: el CSV trae el historial completo, sin páginas.`,
  },
  expected: {
    string: 'un texto',
    number: 'un número',
    integer: 'un número entero',
    object: 'un objeto JSON',
    array: 'una lista',
    boolean: 'true o false',
  },
  hints: {
    value:
      'Escribe la cifra como texto ("902", "~2400", ">=60", "60+", "<=75", "60-75"), como número entero o como ' +
      '{"exact": n}, {"approx": n}, {"atLeast": n}, {"atMost": n} o {"low": a, "high": b}.',
    asOf: DATE_HINT,
    'period.from': DATE_HINT,
    'period.to': DATE_HINT,
    since: DATE_HINT,
    note: 'Escribe un texto o {"es": "…", "en": "…"}.',
    name: 'Escribe {"es": "…", "en": "…"}.',
    description: 'Escribe {"es": "…", "en": "…"}.',
    id: 'Escribe el número de la cifra, entre 1 y 2.147.483.647 (por ejemplo, 17).',
    cursor: 'Usa tal cual el valor de «next» de la página anterior.',
  },
} as const satisfies Messages['api'];
