export { NewSurveyPage } from './NewSurveyPage';
