export function Options() {
  return <h1>Leadline settings</h1>;
}
