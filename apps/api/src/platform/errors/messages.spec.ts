import { defineMessages, message } from './messages';

describe('messages', () => {
  it('renders Spanish by default and English on request, filling parameters', () => {
    expect(message('TOO_MANY_REQUESTS', 'es', { retryAfter: 12 }).detail).toBe('Demasiados intentos. Vuelva a intentarlo en 12 segundos.');
    expect(message('TOO_MANY_REQUESTS', 'en', { retryAfter: 12 }).detail).toBe('Too many attempts. Try again in 12 seconds.');
  });

  it('lets a domain register its own codes, and refuses a code defined twice', () => {
    const codes = defineMessages({ TEST_ONLY_CODE: { title: { es: 'Prueba', en: 'Test' }, detail: { es: 'Hola {name}', en: 'Hello {name}' } } });
    expect(codes.TEST_ONLY_CODE).toBe('TEST_ONLY_CODE');
    expect(message('TEST_ONLY_CODE', 'en', { name: 'Ana' }).detail).toBe('Hello Ana');
    expect(() => defineMessages({ TEST_ONLY_CODE: { title: { es: 'x', en: 'x' }, detail: { es: 'x', en: 'x' } } })).toThrow(/defined twice/);
  });
});
