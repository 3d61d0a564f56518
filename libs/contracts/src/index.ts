/**
 * The API contract, generated from the committed openapi.json by openapi-typescript
 * (`npm run contract:generate`). The dashboard calls the API only through these types.
 */
export type { paths, components, operations } from './openapi';

import type { components } from './openapi';

export type ProblemDetails = components['schemas']['ProblemDetailsDto'];
