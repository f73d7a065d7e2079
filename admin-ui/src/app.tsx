// The admin shell: sign-in, then the pages the Admin API offers so far.
import { useState } from 'react'
import { session } from './api'
import { DeadLettersPage } from './pages/dead-letters'
import { SignInPage } from './pages/sign-in'

export function App() {
  const [signedIn, setSignedIn] = useState(Boolean(session.token))

  if (!signedIn) return <SignInPage onSignedIn={() => setSignedIn(true)} />

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Shopwright</span>
        <button
          type="button"
          className="link"
          onClick={() => {
            session.token = null
            setSignedIn(false)
          }}
        >
          Sign out
        </button>
      </header>
      <nav className="sidebar" aria-label="Sections">
        <a href="#deliveries" aria-current="page">
          Failed deliveries
        </a>
      </nav>
      <main className="content">
        <DeadLettersPage />
      </main>
    </div>
  )
}
