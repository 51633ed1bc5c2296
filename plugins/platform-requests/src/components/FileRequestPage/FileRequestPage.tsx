/*
 * /requests/new: file a request. Validated with the same zod schema as the
 * backend before sending; similar open requests appear while the title is
 * typed, so a vote can replace a duplicate.
 */
import { Progress } from '@backstage/core-components';
import { useApi, useAppNavigate } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  Container,
  Flex,
  Grid,
} from '@backstage/ui';
import { platformRequestCreatePermission } from '@internal/plugin-platform-requests-common';
import { FormEvent, useEffect, useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { newIdempotencyKey } from '../../lib/idempotencyKey';
import { useAction } from '../../hooks/useAction';
import { useCurrentUser } from '../../hooks/useCatalogPeople';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import {
  describeFieldErrors,
  FieldErrors,
  validateCreateRequest,
} from '../../lib/validation';
import { ErrorAlert } from '../shared';
import { EMPTY_FORM, RequestFormState, toCreateInput } from './requestForm';
import { RequestFields } from './RequestFields';
import { SimilarRequests } from './SimilarRequests';

export const FileRequestPage = () => {
  const api = useApi(platformRequestsApiRef);
  const navigate = useAppNavigate();
  const { requestLink, listLink } = useRequestLinks();
  const config = usePlatformRequestsConfig();
  const currentUser = useCurrentUser();
  const { allowed, loading: permissionLoading } = usePermission({
    permission: platformRequestCreatePermission,
  });
  const [form, setForm] = useState<RequestFormState>(EMPTY_FORM);
  // One key per form content: filing again after an error the answer of
  // which was lost (a timeout, a 503) cannot file the same request twice;
  // changing the form makes it a new request.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  useEffect(() => setIdempotencyKey(newIdempotencyKey()), [form]);
  const [attempted, setAttempted] = useState(false);
  const submit = useAction();

  // Defaults that arrive asynchronously: the first category, the user's team.
  const firstCategory = config.value?.categories[0]?.id;
  const ownTeam = currentUser.value?.groupRefs[0];
  useEffect(() => {
    setForm(f => ({
      ...f,
      category: f.category || firstCategory || '',
      requestingTeam: f.requestingTeam ?? ownTeam,
    }));
  }, [firstCategory, ownTeam]);

  const errors: FieldErrors = attempted
    ? validateCreateRequest(toCreateInput(form))
    : {};
  const problems = describeFieldErrors(errors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const input = toCreateInput(form);
    if (Object.keys(validateCreateRequest(input)).length > 0) return;
    const created = await submit.run(() =>
      api.createRequest(input, { idempotencyKey }),
    );
    if (created) navigate(requestLink(created.key) ?? listLink ?? '/');
  };

  if (config.loading || permissionLoading) return <Progress />;
  if (config.error) return <ErrorAlert error={config.error} />;
  if (!allowed) {
    return (
      <Container py="4">
        <Alert status="warning" icon title="You may not file requests." />
      </Container>
    );
  }

  return (
    <Container py="4">
      <Grid.Root columns={{ initial: '1', md: '3' }} gap="4">
        <Grid.Item colSpan={{ initial: '1', md: '2' }}>
          <Card>
            <CardBody>
              <form onSubmit={onSubmit} noValidate aria-label="File a request">
                <Flex direction="column" gap="4">
                  {problems.length > 0 && (
                    <Alert
                      status="danger"
                      icon
                      role="alert"
                      title="Please fix these fields"
                      description={
                        <ul style={{ margin: 0, paddingLeft: 20 }}>
                          {problems.map(p => (
                            <li key={p}>{p}</li>
                          ))}
                        </ul>
                      }
                    />
                  )}
                  <RequestFields
                    form={form}
                    onChange={patch => setForm(f => ({ ...f, ...patch }))}
                    errors={errors}
                    config={config.value}
                  />
                  <ErrorAlert
                    error={submit.error}
                    title="The request was not filed"
                  />
                  <Flex justify="end">
                    <Button
                      type="submit"
                      variant="primary"
                      isPending={submit.pending}
                    >
                      File request
                    </Button>
                  </Flex>
                </Flex>
              </form>
            </CardBody>
          </Card>
        </Grid.Item>
        <Grid.Item>
          <SimilarRequests title={form.title} />
        </Grid.Item>
      </Grid.Root>
    </Container>
  );
};
