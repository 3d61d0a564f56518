import { Navigate } from 'react-router';
import { useAuth } from './auth-context';
import { landingPath } from './navigation';

export function HomeRedirect() {
  const { user } = useAuth();
  return <Navigate to={user ? landingPath(user.roles) : '/login'} replace />;
}
