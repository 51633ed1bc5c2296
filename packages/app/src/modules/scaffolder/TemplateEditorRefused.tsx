import { Alert, ButtonLink, Container, Flex } from '@backstage/ui';

/** What someone outside the platform team sees at /create/edit. */
export const TemplateEditorRefused = () => (
  <Container py="4">
    <Flex direction="column" gap="4" align="start">
      <Alert
        status="info"
        icon
        role="status"
        title="The Template Editor is for the platform team"
        description="Only the platform team writes and tries out templates. To ask for a new template or a change to one, file a platform request."
      />
      <Flex gap="2">
        <ButtonLink href="/create" variant="primary">
          Back to the templates
        </ButtonLink>
        <ButtonLink href="/requests/new" variant="secondary">
          File a request
        </ButtonLink>
      </Flex>
    </Flex>
  </Container>
);
