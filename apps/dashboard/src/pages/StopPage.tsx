import { useParams } from 'react-router';
import { StopDetailView } from '../features/deliveries/components/StopDetailView';

export function StopPage() {
  const { id = '' } = useParams();
  return (
    <section className="page page--wide dl-page" aria-labelledby="stop-page-title">
      <StopDetailView key={id} stopId={id} titleId="stop-page-title" />
    </section>
  );
}
