/**
 * The one way a form saves: a react-query mutation that tells whether it is
 * saving, turns a refusal into the server's message (in the reader's
 * language) and flags a version conflict (409: someone else saved first, the
 * form offers to reload), and gives a success notice when asked for one.
 */
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from '../i18n';
import { ApiError } from './http';

export interface SaveFailure {
  message: string;
  /** Someone else saved first: offer to reload. */
  conflict: boolean;
}

/** A failed call as the form shows it; `fallback` when the server gave no message (network failure). */
export function saveFailure(error: unknown, fallback: string): SaveFailure {
  return {
    message: error instanceof ApiError ? error.message : fallback,
    conflict: error instanceof ApiError && error.status === 409,
  };
}

export function useSave<Input, Output>({ save, onSaved, onFailed, savedMessage }: {
  save: (input: Input) => Promise<Output>;
  onSaved?: (output: Output, input: Input) => void;
  onFailed?: (failure: SaveFailure) => void;
  /** Shown (role=status) after a success, until the next save. */
  savedMessage?: string;
}) {
  const { t } = useTranslation();
  const mutation = useMutation({
    mutationFn: save,
    retry: false,
    onSuccess: (output, input) => onSaved?.(output, input),
    onError: (error) => onFailed?.(saveFailure(error, t('auth.genericError'))),
  });
  return {
    busy: mutation.isPending,
    failure: mutation.isError ? saveFailure(mutation.error, t('auth.genericError')) : null,
    notice: mutation.isSuccess && savedMessage ? savedMessage : null,
    /** Saves unless a save is under way. */
    submit: (input: Input) => {
      if (!mutation.isPending) mutation.mutate(input);
    },
    /** Forgets the last failure or success (e.g. when the person submits again with invalid fields). */
    reset: mutation.reset,
  };
}
