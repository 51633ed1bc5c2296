/*
 * The plugin's pages: /surveys (the list and what is open for you),
 * /surveys/new (the platform team's form) and /surveys/:id (answer, and the
 * results for the platform team).
 */
import { createRouteRef } from '@backstage/frontend-plugin-api';

export const rootRouteRef = createRouteRef();
export const newSurveyRouteRef = createRouteRef();
export const surveyRouteRef = createRouteRef({ params: ['id'] });
