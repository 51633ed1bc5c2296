export { SurveyPage, SurveyRoute } from './SurveyPage';
