// Signed out: the two ways to get a Qobuz token, and a way to look again once `qoget login` has saved one.
import { Button, Card } from '../../components';

export function TokenHelpCard({ onCheckAgain, checking }: { onCheckAgain(): void; checking: boolean }) {
  return (
    <Card title="How to get a token" description="Either way takes a minute, and you do it once.">
      <ol className="steps">
        <li>
          <h3>Sign in from a terminal</h3>
          <p>
            Run <code>qoget login</code> on the computer running Cassette. It opens Qobuz in your browser; after you sign in there, the
            token is saved where Cassette finds it.
          </p>
          <Button size="sm" icon="refresh" busy={checking} onClick={onCheckAgain}>
            Check again
          </Button>
        </li>
        <li>
          <h3>Copy it from the web player</h3>
          <p>
            Sign in at <span className="nowrap">play.qobuz.com</span>, open the browser’s developer tools (F12), and under
            Application → Local Storage find the entry <code>localuser</code>. Copy the value of its <code>token</code> field
            and paste it here.
          </p>
        </li>
      </ol>
    </Card>
  );
}
