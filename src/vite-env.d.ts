/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_SWITCHYARD_BROKER_URL?: string;
}
