import { Injectable } from '@angular/core';
import { type Observable, Subject } from 'rxjs';

/** What a keyboard shortcut asks the open conversation to do. */
export type ConversationCommand = 'reply' | 'note' | 'resolve' | 'assign-to-me';

/** Carries shortcuts typed anywhere in the console to the conversation that is open. */
@Injectable({ providedIn: 'root' })
export class ConsoleCommands {
  private readonly commands = new Subject<ConversationCommand>();
  readonly conversation$: Observable<ConversationCommand> = this.commands.asObservable();

  run(command: ConversationCommand): void {
    this.commands.next(command);
  }
}
