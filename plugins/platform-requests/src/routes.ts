/*
 * The plugin's pages. Each is its own PageBlueprint, so the app's router
 * picks the most specific path (/requests/new and /requests/triage win over
 * /requests/:key).
 */
import { createRouteRef } from '@backstage/frontend-plugin-api';

/** /requests: the list, and the "Requests" item of the sidebar. */
export const rootRouteRef = createRouteRef();
/** /requests/new */
export const newRequestRouteRef = createRouteRef();
/** /requests/triage */
export const triageRouteRef = createRouteRef();
/** /requests/effort: where the platform team's effort goes */
export const effortRouteRef = createRouteRef();
/** /requests/:key */
export const requestRouteRef = createRouteRef({ params: ['key'] });
/** /improvements: the list, and the "Improvements" item of the sidebar. */
export const improvementsRouteRef = createRouteRef();
/** /improvements/new (the platform team's form) */
export const newImprovementRouteRef = createRouteRef();
/** /improvements/:id */
export const improvementRouteRef = createRouteRef({ params: ['id'] });
