import { mount } from 'svelte';
import App from './App.svelte';
import { session } from './lib/state/session.svelte.ts';
import './app.css';

// Asked for at once, beside the first page's own requests, rather than after the app has drawn.
void session.load();

const target = document.getElementById('app');
if (!target) throw new Error('Trove: #app element missing from index.html');

export default mount(App, { target });
