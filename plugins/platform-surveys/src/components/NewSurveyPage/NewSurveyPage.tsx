/*
 * /surveys/new: the platform team defines a survey — up to 10 questions, an
 * audience, the first round's dates and an optional quarterly repeat.
 */
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import {
  Button,
  Container,
  Flex,
  NumberField,
  Select,
  Switch,
  Text,
  TextAreaField,
  TextField,
} from '@backstage/ui';
import { ErrorAlert } from '@internal/lodestar-react';
import {
  QuestionKind,
  SURVEY_LIMITS,
} from '@internal/plugin-platform-surveys-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { platformSurveysApiRef } from '../../api';
import { useSurveyPermissions } from '../../hooks/useSurveyPermissions';
import { surveyRouteRef } from '../../routes';
import {
  emptyQuestion,
  formProblems,
  QuestionDraft,
  SurveyForm,
  toInput,
} from './surveyForm';

const KIND_LABELS: Record<QuestionKind, string> = {
  agreement: 'Agreement (1–5)',
  recommend: 'Recommend (0–10)',
  choice: 'Single choice',
  text: 'Free text',
};

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const NewSurveyPage = () => {
  const api = useApi(platformSurveysApiRef);
  const navigate = useNavigate();
  const surveyLink = useRouteRef(surveyRouteRef);
  const { canCreate } = useSurveyPermissions();
  const [form, setForm] = useState<SurveyForm>(() => ({
    title: '',
    description: '',
    questions: [emptyQuestion()],
    groups: '',
    opens: today(),
    closes: inDays(14),
    quarterly: false,
    rounds: 4,
  }));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);

  const patch = (p: Partial<SurveyForm>) => setForm(f => ({ ...f, ...p }));
  const patchQuestion = (i: number, p: Partial<QuestionDraft>) =>
    patch({
      questions: form.questions.map((q, j) => (i === j ? { ...q, ...p } : q)),
    });

  const submit = async () => {
    const input = toInput(form);
    const found = formProblems(input);
    setProblems(found);
    if (Object.keys(found).length) return;
    setPending(true);
    setError(undefined);
    try {
      const survey = await api.createSurvey(input);
      navigate(surveyLink?.({ id: survey.id }) ?? '/surveys');
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };

  const problemList = Object.entries(problems);

  return (
    <Container py="4">
      <Flex direction="column" gap="4" style={{ maxWidth: 720 }}>
        {!canCreate && (
          <Text color="secondary">
            Only the platform team defines surveys; the backend will refuse this
            form for anyone else.
          </Text>
        )}
        <TextField
          label="Title"
          isRequired
          value={form.title}
          onChange={title => patch({ title })}
          maxLength={SURVEY_LIMITS.titleMax}
          validationBehavior="aria"
          validate={() => problems.title}
        />
        <TextAreaField
          label="Description"
          value={form.description}
          onChange={description => patch({ description })}
        />
        {form.questions.map((q, i) => (
          <Flex
            key={i}
            direction="column"
            gap="2"
            data-testid={`question-${i + 1}`}
          >
            <Flex gap="2" align="end">
              <Select
                label={`Question ${i + 1}`}
                options={Object.entries(KIND_LABELS).map(([id, label]) => ({
                  id,
                  label,
                }))}
                value={q.kind}
                onChange={key =>
                  key && patchQuestion(i, { kind: String(key) as QuestionKind })
                }
              />
              {form.questions.length > 1 && (
                <Button
                  variant="tertiary"
                  onPress={() =>
                    patch({
                      questions: form.questions.filter((_, j) => j !== i),
                    })
                  }
                >
                  Remove
                </Button>
              )}
            </Flex>
            <TextField
              label={`Question ${i + 1} text`}
              value={q.text}
              onChange={text => patchQuestion(i, { text })}
              validationBehavior="aria"
              validate={() => problems[`questions.${i}.text`]}
            />
            {q.kind === 'choice' && (
              <TextAreaField
                label={`Question ${i + 1} options, one per line`}
                value={q.options}
                onChange={options => patchQuestion(i, { options })}
                validationBehavior="aria"
                validate={() => problems[`questions.${i}.options`]}
              />
            )}
          </Flex>
        ))}
        {form.questions.length < SURVEY_LIMITS.questionsMax && (
          <Flex>
            <Button
              variant="secondary"
              onPress={() =>
                patch({ questions: [...form.questions, emptyQuestion()] })
              }
            >
              Add a question
            </Button>
          </Flex>
        )}
        <TextAreaField
          label="Audience"
          description="Group refs (group:default/checkout-team), separated by commas or lines; empty: everyone."
          value={form.groups}
          onChange={groups => patch({ groups })}
        />
        <Flex gap="4">
          <TextField
            label="Opens (UTC day)"
            description="YYYY-MM-DD"
            value={form.opens}
            onChange={opens => patch({ opens })}
            validationBehavior="aria"
            validate={() => problems.opensAt}
          />
          <TextField
            label="Closes (UTC day, inclusive)"
            description="YYYY-MM-DD"
            value={form.closes}
            onChange={closes => patch({ closes })}
            validationBehavior="aria"
            validate={() => problems.closesAt}
          />
        </Flex>
        <Flex gap="4" align="end">
          <Switch
            isSelected={form.quarterly}
            onChange={quarterly => patch({ quarterly })}
          >
            Repeat every quarter
          </Switch>
          {form.quarterly && (
            <NumberField
              label="Rounds in all"
              minValue={2}
              maxValue={SURVEY_LIMITS.roundsMax}
              value={form.rounds}
              onChange={rounds => patch({ rounds })}
            />
          )}
        </Flex>
        {problemList.length > 0 && (
          <ErrorAlert
            error={
              new Error(
                problemList.map(([path, m]) => `${path}: ${m}`).join('; '),
              )
            }
            title="Please fix the form"
          />
        )}
        <ErrorAlert error={error} />
        <Flex>
          <Button variant="primary" onPress={submit} isPending={pending}>
            Create survey
          </Button>
        </Flex>
      </Flex>
    </Container>
  );
};
