import { DefaultAzureCredential, getBearerTokenProvider, type TokenCredential } from '@azure/identity';
import type { AzureOpenAI } from 'openai';
import type { TConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { TRewriter } from '../../modules/compose/service.js';

/** The audience of Entra tokens for Azure OpenAI (Cognitive Services). */
export const cognitiveServicesScope = 'https://cognitiveservices.azure.com/.default';

type TSettings = NonNullable<TConfig['azureOpenAi']>;

/**
 * Tone help through an Azure OpenAI chat deployment with the `openai` package's Azure client,
 * signed in as the managed identity (DefaultAzureCredential; the identity needs the
 * "Cognitive Services OpenAI User" role on the resource). One attempt, bounded by
 * `timeoutMs`: the author is waiting and may simply try again. The SDK is loaded on first use.
 *
 * The draft and the suggestion never reach a log: a failure is logged by its kind, HTTP status
 * and provider code only (a provider's error message may quote the prompt).
 */
export function createAzureOpenAiRewriter(
  settings: TSettings,
  logger: Logger,
  credential: TokenCredential = new DefaultAzureCredential(),
): TRewriter {
  let client: Promise<{ openai: AzureOpenAI; sdk: typeof import('openai') }> | undefined;
  const open = () =>
    (client ??= import('openai').then((sdk) => ({
      sdk,
      openai: new sdk.AzureOpenAI({
        endpoint: settings.endpoint,
        deployment: settings.deployment,
        apiVersion: settings.apiVersion,
        azureADTokenProvider: getBearerTokenProvider(credential, cognitiveServicesScope),
        // the deadline below ends the call; this is only a backstop
        timeout: settings.timeoutMs + 5000,
        maxRetries: 0,
        // the SDK's own logging (OPENAI_LOG) could print requests: it is off whatever the environment says
        logLevel: 'off',
      }),
    })));

  return async ({ instruction, text }) => {
    const { openai, sdk } = await open();
    const deadline = AbortSignal.timeout(settings.timeoutMs);
    let completion;
    try {
      completion = await openai.chat.completions.create(
        {
          model: settings.deployment,
          messages: [
            { role: 'system', content: instruction },
            { role: 'user', content: text },
          ],
        },
        { signal: deadline },
      );
    } catch (error) {
      throw toProblem(deadline.aborted ? 'timeout' : error, sdk, settings, logger);
    }
    const choice = completion.choices[0];
    if (choice?.finish_reason === 'content_filter') throw refused();
    const suggestion = choice?.message?.content?.trim();
    if (!suggestion) {
      logger.warn({ provider: 'azure-openai', finishReason: choice?.finish_reason ?? null }, 'rewrite: empty answer');
      throw new AppError('rewrite_failed', 502, 'The writing assistant gave no suggestion: try again or another style');
    }
    return suggestion;
  };
}

const refused = () =>
  new AppError(
    'rewrite_refused',
    422,
    "The writing assistant's content filter declined this text: your draft is unchanged",
  );

function toProblem(error: unknown, sdk: typeof import('openai'), settings: TSettings, logger: Logger): AppError {
  const seconds = Math.round(settings.timeoutMs / 1000);
  if (error === 'timeout' || error instanceof sdk.APIConnectionTimeoutError) {
    logger.warn({ provider: 'azure-openai', failure: 'timeout', timeoutMs: settings.timeoutMs }, 'rewrite failed');
    return new AppError(
      'rewrite_timeout',
      504,
      `The writing assistant did not answer within ${seconds} seconds: your draft is unchanged, try again`,
    );
  }
  if (error instanceof sdk.APIError && typeof error.status === 'number') {
    const code = typeof error.code === 'string' ? error.code : null;
    logger.warn({ provider: 'azure-openai', failure: 'status', status: error.status, code }, 'rewrite failed');
    if (error.status === 400 && code === 'content_filter') return refused();
    if (error.status === 429) {
      return new AppError('rewrite_busy', 503, 'The writing assistant is busy: try again in a minute');
    }
    if (error.status === 401 || error.status === 403 || error.status === 404) {
      return new AppError(
        'rewrite_unavailable',
        502,
        "The writing assistant refused the connection (check the deployment name and the identity's access): your draft is unchanged",
      );
    }
    return new AppError(
      'rewrite_unavailable',
      502,
      'The writing assistant failed to answer: your draft is unchanged, try again',
    );
  }
  // no answer at all: the endpoint unreachable, or no managed identity token
  const name = error instanceof Error ? error.name : 'unknown';
  logger.warn({ provider: 'azure-openai', failure: 'connection', errorName: name }, 'rewrite failed');
  return new AppError(
    'rewrite_unavailable',
    502,
    'The writing assistant could not be reached: your draft is unchanged, try again',
  );
}
