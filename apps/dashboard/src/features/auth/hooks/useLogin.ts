import { useMutation } from '@tanstack/react-query';
import { sessionStore } from '@app/session-store';
import { login, type Credentials } from '../api/auth-api';

export function useLogin() {
  return useMutation({
    mutationFn: (credentials: Credentials) => login(credentials),
    onSuccess: (tokens) => sessionStore.set(tokens),
  });
}
