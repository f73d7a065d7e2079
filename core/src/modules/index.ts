// Core modules, loaded before the config's plugins through the same plugin API.
import type { PluginDefinition } from '../kernel/plugin'
import { systemModule } from './system'

export const CORE_MODULES: PluginDefinition<any>[] = [systemModule]
