/*
 * The form of an open round: one input per question, checked with the
 * common package's rules before it is sent. The previous answer is not
 * shown — no API returns it — so changing an answer means answering again.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Flex,
  Radio,
  RadioGroup,
  Text,
  TextAreaField,
} from '@backstage/ui';
import { ErrorAlert } from '@internal/lodestar-react';
import {
  answerProblems,
  Answers,
  OpenSurveyRound,
  SCALES,
  SURVEY_LIMITS,
  SurveyQuestion,
} from '@internal/plugin-platform-surveys-common';
import { useState } from 'react';
import { platformSurveysApiRef } from '../../api';

const SCALE_HINTS: Record<'agreement' | 'recommend', string> = {
  agreement: '1 strongly disagree · 5 strongly agree',
  recommend: '0 not at all likely · 10 extremely likely',
};

const QuestionInput = ({
  question,
  value,
  onChange,
  problem,
}: {
  question: SurveyQuestion;
  value: number | string | undefined;
  onChange: (value: number | string) => void;
  problem?: string;
}) => {
  const shown = problem ? (
    <Text color="danger" variant="body-small" role="alert">
      {problem}
    </Text>
  ) : null;
  if (question.kind === 'text') {
    return (
      <Flex direction="column" gap="1">
        <TextAreaField
          label={question.text}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          maxLength={SURVEY_LIMITS.textAnswerMax}
          validationBehavior="aria"
          validate={() => problem}
        />
        {shown}
      </Flex>
    );
  }
  const options: Array<number | string> =
    question.kind === 'choice' ? question.options : [...SCALES[question.kind]];
  return (
    <Flex direction="column" gap="1">
      <RadioGroup
        label={question.text}
        description={
          question.kind === 'choice' ? undefined : SCALE_HINTS[question.kind]
        }
        orientation={question.kind === 'choice' ? 'vertical' : 'horizontal'}
        value={value === undefined ? null : String(value)}
        onChange={v => onChange(question.kind === 'choice' ? v : Number(v))}
        isRequired
        validationBehavior="aria"
        validate={() => problem}
      >
        {options.map(o => (
          <Radio key={String(o)} value={String(o)}>
            {String(o)}
          </Radio>
        ))}
      </RadioGroup>
      {shown}
    </Flex>
  );
};

export const AnswerForm = ({
  open,
  onAnswered,
}: {
  open: OpenSurveyRound;
  onAnswered: () => void;
}) => {
  const api = useApi(platformSurveysApiRef);
  const [answers, setAnswers] = useState<Answers>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const { survey, round } = open;

  const set = (id: string, value: number | string) =>
    setAnswers(a => ({ ...a, [id]: value }));

  const submit = async () => {
    const found = answerProblems(survey.questions, answers);
    setProblems(found);
    if (found.length) return;
    setPending(true);
    setError(undefined);
    try {
      await api.respond(survey.id, round.round, { answers });
      setDone(true);
      onAnswered();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };

  if (done) {
    return (
      <Alert
        status="success"
        title="Thank you — your answer is in."
        description={`You can answer again to change it until ${round.closesAt.slice(
          0,
          10,
        )}.`}
      />
    );
  }

  return (
    <Flex direction="column" gap="4" data-testid="answer-form">
      <Text color="secondary">
        {open.answered
          ? 'You answered this round. Answering again replaces your answer; your earlier answer cannot be shown, to anyone.'
          : 'Your answer is anonymous: it is stored without your name, and results are shown only for groups of several people.'}{' '}
        Please do not name yourself in free text.
      </Text>
      {survey.questions.map(q => (
        <QuestionInput
          key={q.id}
          question={q}
          value={answers[q.id]}
          onChange={value => set(q.id, value)}
          problem={problems
            .find(p => p.startsWith(`answers.${q.id}:`))
            ?.slice(`answers.${q.id}: `.length)}
        />
      ))}
      <ErrorAlert error={error} />
      <Flex>
        <Button variant="primary" onPress={submit} isPending={pending}>
          {open.answered ? 'Replace my answer' : 'Send my answer'}
        </Button>
      </Flex>
    </Flex>
  );
};
