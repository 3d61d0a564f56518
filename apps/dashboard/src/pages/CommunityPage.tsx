import { useParams } from 'react-router';
import '../features/communities/components/communities.css';
import { CommunityDetail } from '../features/communities/components/CommunityDetail';

export function CommunityPage() {
  const { id = '' } = useParams();
  return (
    <section className="page page--wide" aria-labelledby="community-title">
      <CommunityDetail id={id} />
    </section>
  );
}
